# vew: the core of the bash shim, what bash does its own way (posix/core.sh is the part bash
# shares with zsh).

_vew_cd() {
    # shellcheck disable=SC2164 # cd's status is this function's: every caller checks it
    CDPATH='' builtin cd -- "$1"
}

# _vew_run_core ARGS...: the core's output to the terminal, its code for the shell (fd 3) into
# the caller's _vew_code. Ctrl-C meanwhile is the core's to handle (it undoes what it was doing
# and exits 130), so the shell waits for it rather than leave the command substitution at once,
# as bash does on SIGINT; the user's INT trap is back before anything else runs.
_vew_run_core() {
    local _vew_user_trap _vew_core_status=0
    _vew_user_trap=$(trap -p INT)
    trap : INT
    { _vew_code=$(_vew_core "$@" 3>&1 1>&4 4>&-); } 4>&1 || _vew_core_status=$?
    if [ -n "$_vew_user_trap" ]; then
        eval "$_vew_user_trap"
    else
        trap - INT
    fi
    return "$_vew_core_status"
}

# _vew_source FILE: source FILE, with no positional parameters, reading `exit` as `return`: a
# hook that calls exit ends itself, not the user's shell. _vew_source -c CODE runs CODE so. Aliases expand as the file is read, so
# every exit written in the file is covered; the alias names a variable that is `return` only
# while a hook is being sourced, so functions the hook defines, and the alias itself if a Ctrl-C
# cuts this function short, still exit. The user's alias named exit and expand_aliases return.
# The options the hook sets or unsets are noted for _vew_run, which sets them for the user once
# vew's function returns; vew's own code goes on with its own.
_vew_source() {
    local _vew_file="$1" _vew_hook_exit=return _vew_user_alias="" _vew_expand=0 _vew_status=0
    local _vew_eval="" _vew_options
    [ "$1" != -c ] || { _vew_eval=1; _vew_file=$2; }
    set --
    # The hook runs under the user's options (see _vew_run), but for errexit and nounset: a
    # failing command or an unset variable in it must not end the shell or cut vew short.
    case :${_vew_user_options-}: in *:pipefail:*) set -o pipefail ;; esac
    case :${_vew_user_options-}: in *:noglob:*) set -o noglob ;; esac
    _vew_options=$SHELLOPTS
    case ${BASH_ALIASES[exit]-} in
        '${_vew_hook_exit:-exit}') ;;  # left behind by an interrupted hook: ours, not the user's
        *) _vew_user_alias=${BASH_ALIASES[exit]-} ;;
    esac
    shopt -q expand_aliases && _vew_expand=1
    shopt -s expand_aliases
    alias exit='${_vew_hook_exit:-exit}'
    if [ -n "$_vew_eval" ]; then
        _vew_eval_code || _vew_status=$?
    else
        # shellcheck disable=SC1090 # a hook file: known only when it runs
        . "$_vew_file" || _vew_status=$?
    fi
    if [ -n "$_vew_user_alias" ]; then
        BASH_ALIASES[exit]=$_vew_user_alias
    else
        unalias exit 2>/dev/null
    fi
    [ "$_vew_expand" = 1 ] || shopt -u expand_aliases
    [ "$SHELLOPTS" = "$_vew_options" ] || _vew_note_options "$_vew_options"
    # vew's own options again, for the rest of vew's code.
    set +o errexit +o nounset +o pipefail +o noglob
    return "$_vew_status"
}

# _vew_note_options BEFORE: add to _vew_hook_options what turns the `set -o` options that were
# BEFORE (SHELLOPTS then) into those now.
_vew_note_options() {
    local _vew_option _vew_before=":$1:" _vew_after=":$SHELLOPTS:" IFS=:
    for _vew_option in $SHELLOPTS; do
        case $_vew_before in *":$_vew_option:"*) ;; *) _vew_hook_options+="set -o $_vew_option;" ;; esac
    done
    for _vew_option in $1; do
        case $_vew_after in *":$_vew_option:"*) ;; *) _vew_hook_options+="set +o $_vew_option;" ;; esac
    done
}

# _vew_run FUNCTION ARGS...: every user command, as the shell calls it. FUNCTION runs under
# vew's own options (`local -`), which go away when it returns; what the hooks it sources set
# or unset (`set -o noclobber`), which _vew_source notes in _vew_hook_options, is then done
# here, in the user's shell, where it stays, as virtualenvwrapper leaves it. Called within
# another vew function (loading vew checks the starting directory), it only runs FUNCTION: the
# outermost call does the rest, once that function's options are gone.
_vew_run() {
    if [ -n "${_vew_running-}" ]; then
        "$@"
        return
    fi
    local _vew_running=1 _vew_run_status=0 _vew_user_options=$SHELLOPTS
    "$@" || _vew_run_status=$?
    if [ -n "${_vew_hook_options-}" ]; then
        eval "$_vew_hook_options"
        unset _vew_hook_options
    fi
    return "$_vew_run_status"
}

# _vew_trusted FILE ACTION: true when the hook FILE may be ACTION ("sourced" or "run"); else
# one line on stderr says why and how to fix it (see src/vew/trust.py for the rule). bash can
# only test ownership by itself: the permissions come from the list the core writes after each
# of its commands, unless FILE changed since (or is not yours, or is listed), when `find`
# checks it now.
_vew_trusted() {
    local _vew_dir=${1%/*} _vew_list="$VIRTUALENVWRAPPER_HOOK_DIR/.vew-hooks-checked" _vew_found=""
    [ "$_vew_dir" != "$1" ] || _vew_dir=.
    if [ -O "$1" ] && [ -O "${_vew_dir:-/}" ] && [ -O "$_vew_list" ] && [ "$_vew_list" -nt "$1" ] &&
        [[ $1 != *[$'\t\n']* ]]; then
        IFS= read -r -d '' _vew_found <"$_vew_list"
        case $'\n'$_vew_found in
            # Listed: checked again now, so that a fix made since counts at once.
            *$'\n'"$1"$'\t'*) ;;
            *) return 0 ;;
        esac
    fi
    _vew_trust_now "$1" "$2"
}

# The same check, done now with `find` (a program: only when the list cannot vouch for FILE).
_vew_trust_now() {
    local _vew_file=$1 _vew_dir=${1%/*} _vew_me _vew_hook=$1 _vew_action=$2 _vew_hook_word \
        _vew_dir_word
    [ "$_vew_dir" != "$1" ] || _vew_dir=.
    case $_vew_file in -*) _vew_file=./$_vew_file ;; esac
    case $_vew_dir in -*) _vew_dir=./$_vew_dir ;; '') _vew_dir=/ ;; esac
    _vew_me=${EUID:-$(command id -u)}
    # One program when all is well; which problem it is takes a few more.
    [ -n "$(command find -L "$_vew_file" "$_vew_dir" -prune \( ! -user 0 ! -user "$_vew_me" \
        -o -perm -0002 \( ! -type d -o ! -perm -1000 \) \) -print 2>/dev/null)" ] || return 0
    if [ -n "$(command find -L "$_vew_file" -prune ! -user 0 ! -user "$_vew_me" 2>/dev/null)" ]; then
        _vew_error __VEW_MESSAGE_HOOK_NOT_YOURS__
    elif [ -n "$(command find -L "$_vew_file" -prune -perm -0002 2>/dev/null)" ]; then
        builtin printf -v _vew_hook_word '%q' "$1"
        _vew_error __VEW_MESSAGE_HOOK_WRITABLE__
    elif [ -n "$(command find -L "$_vew_dir" -prune ! -user 0 ! -user "$_vew_me" 2>/dev/null)" ]; then
        _vew_error __VEW_MESSAGE_HOOK_DIR_NOT_YOURS__
    elif [ -n "$(command find -L "$_vew_dir" -prune -perm -0002 ! -perm -1000 2>/dev/null)" ]; then
        builtin printf -v _vew_dir_word '%q' "$_vew_dir"
        _vew_error __VEW_MESSAGE_HOOK_DIR_WRITABLE__
    else
        return 0
    fi
    return 1
}

_vew_keep_env_deactivate() {
    if declare -F deactivate >/dev/null; then
        eval "_vew_env_own_$(declare -f deactivate)"
    else
        _vew_env_own_deactivate() { :; }
    fi
}

# The environments whose name starts with PREFIX (all without one), in the caller's _vew_names:
# sorted by code point, no dot names, no unfinished builds. Completion and lsvirtualenv -b use
# it; filling an array, not printing, saves completion a subshell. One glob over the names
# alone (sorting whole paths would put "a-b/bin/activate" before "a/bin/activate") and one [[ ]]
# test an entry; the name is cut at a fixed offset, as ${path##*/} costs more than the test
# with 1,000 environments.
_vew_envs() {
    local LC_ALL=C _vew_path _vew_cut _vew_option _vew_options=()
    local _vew_incomplete=__VEW_FILE_INCOMPLETE__
    # Measured once LC_ALL=C is in force, in bytes as the cut below counts: the words of one
    # `local` are expanded before any is assigned, which counted characters.
    _vew_cut=$((${#WORKON_HOME} + 1))
    _vew_names=()
    case ${1-} in .*) return 0 ;; esac
    for _vew_option in failglob dotglob nocaseglob; do
        shopt -q "$_vew_option" && _vew_options+=("$_vew_option")
    done
    shopt -u failglob dotglob nocaseglob
    for _vew_path in "$WORKON_HOME/${1-}"*; do
        [[ -f $_vew_path/$VIRTUALENVWRAPPER_ENV_BIN_DIR/activate &&
            ! -e $_vew_path/$_vew_incomplete ]] && _vew_names+=("${_vew_path:_vew_cut}")
    done
    [ "${#_vew_options[@]}" -eq 0 ] || shopt -s "${_vew_options[@]}"
    return 0
}

# The directories in DIR named python* or pypy*, in the caller's _vew_dirs.
_vew_lib_dirs() {
    local _vew_path _vew_failglob=0
    _vew_dirs=()
    if shopt -q failglob; then
        _vew_failglob=1
        shopt -u failglob
    fi
    for _vew_path in "$1"/python* "$1"/pypy*; do
        [ ! -d "$_vew_path" ] || _vew_dirs+=("$_vew_path")
    done
    [ "$_vew_failglob" = 0 ] || shopt -s failglob
}

# lsvirtualenv -b, in the shell: one printf for all the names.
_vew_list() {
    local _vew_names
    _vew_envs
    [ "${#_vew_names[@]}" -eq 0 ] || builtin printf '%s\n' "${_vew_names[@]}"
}
