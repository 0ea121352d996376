# vew: the bash part of the shim (see vew.sh for the part bash shares with zsh).

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
    local _vew_file=$1 _vew_dir=${1%/*} _vew_me
    [ "$_vew_dir" != "$1" ] || _vew_dir=.
    case $_vew_file in -*) _vew_file=./$_vew_file ;; esac
    case $_vew_dir in -*) _vew_dir=./$_vew_dir ;; '') _vew_dir=/ ;; esac
    _vew_me=${EUID:-$(command id -u)}
    # One program when all is well; which problem it is takes a few more.
    [ -n "$(command find -L "$_vew_file" "$_vew_dir" -prune \( ! -user 0 ! -user "$_vew_me" \
        -o -perm -0002 \( ! -type d -o ! -perm -1000 \) \) -print 2>/dev/null)" ] || return 0
    if [ -n "$(command find -L "$_vew_file" -prune ! -user 0 ! -user "$_vew_me" 2>/dev/null)" ]; then
        _vew_error "hook $1 is not $2: it belongs to another user (fix: check it, then copy it to a file of yours in its place)"
    elif [ -n "$(command find -L "$_vew_file" -prune -perm -0002 2>/dev/null)" ]; then
        _vew_error "hook $1 is not $2: it is writable by other users (fix: chmod o-w $(builtin printf '%q' "$1"))"
    elif [ -n "$(command find -L "$_vew_dir" -prune ! -user 0 ! -user "$_vew_me" 2>/dev/null)" ]; then
        _vew_error "hook $1 is not $2: its directory belongs to another user (fix: move the hook to a directory of yours)"
    elif [ -n "$(command find -L "$_vew_dir" -prune -perm -0002 ! -perm -1000 2>/dev/null)" ]; then
        _vew_error "hook $1 is not $2: its directory $_vew_dir is writable by other users (fix: chmod o-w $(builtin printf '%q' "$_vew_dir"))"
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

# --- completion -----------------------------------------------------------------------------
# The core renders _vew_spec's case statement from its catalogue: for each command (or "vew SUB"),
# its options in _vew_opts (FLAG, or FLAG=KIND when it takes a value), the KIND of each
# positional argument in _vew_args, of every further one in _vew_rest, and its subcommands in
# _vew_subs. A KIND is env, directory, file, command, command-line, env-dir, site-dir,
# template, nothing, or words:WORD...
_vew_spec() {
    _vew_opts=() _vew_args=() _vew_rest="" _vew_subs=()
    __VEW_COMPLETION_SPEC__
}

# Reads LINE (the command line up to the cursor) as bash will: _vew_words gets the words before
# the one being completed, without their quotes; _vew_word that word, without quotes;
# _vew_raw the same as typed; _vew_quote the quote it leaves open, if any; _vew_start where,
# in _vew_raw, the text readline replaces starts (after an open quote, or after the last
# unquoted character of COMP_WORDBREAKS, as readline itself decides).
_vew_split() {
    local _vew_line=$1 _vew_c _vew_i=0 _vew_in=0
    _vew_words=() _vew_word="" _vew_raw="" _vew_quote="" _vew_start=0
    while [ "$_vew_i" -lt "${#_vew_line}" ]; do
        _vew_c=${_vew_line:_vew_i:1}
        _vew_i=$((_vew_i + 1))
        if [ "$_vew_quote" = "'" ]; then
            [ "$_vew_c" = "'" ] && _vew_quote="" || _vew_word+=$_vew_c
        elif [ "$_vew_quote" = '"' ]; then
            if [ "$_vew_c" = '"' ]; then
                _vew_quote=""
            elif [ "$_vew_c" = '\' ] && [[ ${_vew_line:_vew_i:1} == [\$\`\"\\] ]]; then
                _vew_raw+=$_vew_c
                _vew_c=${_vew_line:_vew_i:1}
                _vew_i=$((_vew_i + 1))
                _vew_word+=$_vew_c
            else
                _vew_word+=$_vew_c
            fi
        else
            case $_vew_c in
                [[:space:]])
                    if [ "$_vew_in" = 1 ]; then
                        _vew_words+=("$_vew_word")
                        _vew_word="" _vew_raw="" _vew_start=0 _vew_in=0
                    fi
                    continue
                    ;;
                '\')
                    if [ "$_vew_i" -lt "${#_vew_line}" ]; then
                        _vew_raw+=$_vew_c
                        _vew_c=${_vew_line:_vew_i:1}
                        _vew_i=$((_vew_i + 1))
                        _vew_word+=$_vew_c
                    fi
                    ;;
                "'" | '"')
                    _vew_quote=$_vew_c
                    _vew_start=$((${#_vew_raw} + 1))
                    ;;
                *)
                    _vew_word+=$_vew_c
                    case $COMP_WORDBREAKS in
                        *"$_vew_c"*) _vew_start=$((${#_vew_raw} + 1)) ;;
                    esac
                    ;;
            esac
        fi
        _vew_raw+=$_vew_c
        _vew_in=1
    done
}

# True when FLAG is an option of the current spec that takes a value; its KIND in _vew_kind.
_vew_valued() {
    local _vew_opt
    for _vew_opt in "${_vew_opts[@]}"; do
        case $_vew_opt in
            "$1="*)
                _vew_kind=${_vew_opt#*=}
                return 0
                ;;
        esac
    done
    return 1
}

# Adds VALUE (with the text before the value in the same word, as in --python=VALUE) to the
# candidates if it starts with what is typed.
_vew_add() {
    case $1 in
        "$_vew_prefix"*) _vew_cands+=("$_vew_lead$1") ;;
    esac
}

# Adds the entries of BASE (a directory ending in /, or empty for the current one) that the
# typed path names; directories end with /. DIRS_ONLY=1 leaves out the other files.
_vew_paths() {
    local _vew_dir=${_vew_prefix%/*} _vew_part=${_vew_prefix##*/} _vew_lookup _vew_path _vew_name
    local _vew_failglob=0
    case $_vew_prefix in
        */*) _vew_dir+=/ ;;
        *) _vew_dir="" ;;
    esac
    _vew_lookup=$1$_vew_dir
    # shellcheck disable=SC2088 # a literal ~ in the word being completed, expanded here
    case $_vew_lookup in
        '~/'*) _vew_lookup=$HOME/${_vew_lookup#'~/'} ;;
    esac
    if shopt -q failglob; then
        _vew_failglob=1
        shopt -u failglob
    fi
    for _vew_path in "$_vew_lookup$_vew_part"*; do
        [ -e "$_vew_path" ] || continue
        _vew_name=${_vew_path##*/}
        # Hidden entries only when asked for (whatever dotglob says).
        case $_vew_name in
            .*) [[ $_vew_part == .* ]] || continue ;;
        esac
        if [ -d "$_vew_path" ]; then
            _vew_add "$_vew_dir$_vew_name/"
        elif [ "$2" != 1 ]; then
            _vew_add "$_vew_dir$_vew_name"
        fi
    done
    [ "$_vew_failglob" = 0 ] || shopt -s failglob
}

# Adds every value of KIND.
_vew_values() {
    local _vew_name _vew_site _vew_line
    case $1 in
        env)
            # Already filtered by the typed prefix: no test a name (1,000 names are common).
            local _vew_names
            _vew_envs "$_vew_prefix"
            if [ -z "$_vew_lead" ]; then
                _vew_cands+=("${_vew_names[@]}")
            else
                for _vew_name in "${_vew_names[@]}"; do
                    _vew_cands+=("$_vew_lead$_vew_name")
                done
            fi
            ;;
        directory) _vew_paths "" 1 ;;
        file) _vew_paths "" 0 ;;
        env-dir) [ -z "${VIRTUAL_ENV-}" ] || [ ! -d "$VIRTUAL_ENV" ] || _vew_paths "$VIRTUAL_ENV/" 1 ;;
        site-dir)
            if [ -n "${VIRTUAL_ENV-}" ] &&
                _vew_site=$(_vew_core __complete site-packages "$VIRTUAL_ENV" 2>/dev/null); then
                _vew_paths "$_vew_site/" 1
            fi
            ;;
        command)
            while IFS= read -r _vew_name; do
                _vew_add "$_vew_name"
            done < <(compgen -c -- "$_vew_prefix" | LC_ALL=C command sort -u)
            ;;
        template)
            while IFS= read -r _vew_line; do
                _vew_add "${_vew_line%%$'\t'*}"
            done < <(_vew_core __complete templates 2>/dev/null)
            ;;
        words:*)
            for _vew_name in ${1#words:}; do
                _vew_add "$_vew_name"
            done
            ;;
    esac
}

# Fills _vew_cands with every whole word that can replace the one being completed, or hands
# over to bash-completion for the arguments of the command allvirtualenv runs.
_vew_candidates() {
    local _vew_key _vew_i=0 _vew_n=0 _vew_w _vew_kind="" _vew_only=0
    # Skip assignments before the command (VAR=value cdvirtualenv ...).
    while [[ ${_vew_words[_vew_i]} == [A-Za-z_]*=* && ${_vew_words[_vew_i]%%=*} != *[!A-Za-z0-9_]* ]]; do
        _vew_i=$((_vew_i + 1))
    done
    _vew_key=${_vew_words[_vew_i]##*/}
    _vew_i=$((_vew_i + 1))
    _vew_spec "$_vew_key"
    while [ "$_vew_i" -lt "${#_vew_words[@]}" ]; do
        _vew_w=${_vew_words[_vew_i]}
        if [ "$_vew_only" = 0 ] && [ "$_vew_w" = -- ]; then
            _vew_only=1
        elif [ "$_vew_only" = 0 ] && [[ $_vew_w == -?* ]]; then
            if _vew_valued "$_vew_w"; then
                # The word being completed is this option's value.
                [ $((_vew_i + 1)) -lt "${#_vew_words[@]}" ] || break
                _vew_i=$((_vew_i + 1))
            fi
            _vew_kind=""
        elif [ "$_vew_n" = 0 ] && [ "${#_vew_subs[@]}" -gt 0 ] &&
            [[ " ${_vew_subs[*]} " == *" $_vew_w "* ]]; then
            _vew_key+=" $_vew_w"
            _vew_spec "$_vew_key"
        else
            _vew_n=$((_vew_n + 1))
            if [ "$_vew_n" -ge "${#_vew_args[@]}" ] && [ "$_vew_rest" = command-line ]; then
                _vew_command_line "$_vew_i"
                return
            fi
        fi
        _vew_i=$((_vew_i + 1))
    done
    if [ -z "$_vew_kind" ] && [ "$_vew_only" = 0 ] && [[ $_vew_word == -* ]]; then
        if [[ $_vew_word == --*=* ]] && _vew_valued "${_vew_word%%=*}"; then
            _vew_lead=${_vew_word%%=*}=
            _vew_prefix=${_vew_word#*=}
        else
            for _vew_w in "${_vew_opts[@]}"; do
                _vew_add "${_vew_w%%=*}"
            done
            return
        fi
    elif [ -z "$_vew_kind" ] && [ "$_vew_n" = 0 ] && [ "${#_vew_subs[@]}" -gt 0 ]; then
        _vew_kind="words:${_vew_subs[*]}"
    elif [ -z "$_vew_kind" ] && [ "$_vew_n" -lt "${#_vew_args[@]}" ]; then
        _vew_kind=${_vew_args[_vew_n]}
    elif [ -z "$_vew_kind" ]; then
        _vew_kind=$_vew_rest
    fi
    _vew_values "$_vew_kind"
}

# allvirtualenv COMMAND ARGS: the arguments complete as COMMAND's own, when bash-completion is
# loaded; else as file names. INDEX is where COMMAND is in the line's words.
_vew_command_line() {
    if declare -F _comp_command_offset >/dev/null; then
        _comp_command_offset "$1"
        _vew_delegated=1
    elif declare -F _command_offset >/dev/null; then
        _command_offset "$1"
        _vew_delegated=1
    else
        _vew_values file
    fi
}

# The completion function of every vew command: `complete -F _vew_complete`. It reads only
# COMP_LINE and COMP_POINT, so it can be called from a script too. Each candidate is the word
# as typed so far plus the rest of the value, quoted for the state the typed text leaves open
# (no quote: backslashes; inside '...' or "..." the rules of that quote), cut to the part
# readline replaces; so names with spaces, quotes or $ complete to one correctly quoted word.
_vew_complete() {
    __VEW_PROLOGUE__
    set +o noglob
    local _vew_words _vew_word _vew_raw _vew_quote _vew_start _vew_prefix _vew_lead=""
    local _vew_opts _vew_args _vew_rest _vew_subs _vew_cands=() _vew_delegated=0
    local _vew_cand _vew_tail IFS=$' \t\n'
    _vew_split "${COMP_LINE:0:COMP_POINT}"
    _vew_prefix=$_vew_word
    [ "${#_vew_words[@]}" -gt 0 ] || return 0
    _vew_candidates
    [ "$_vew_delegated" = 0 ] || return 0
    COMPREPLY=()
    # Nothing typed needs quoting, nor does any candidate: they go as they are.
    IFS=/
    if [ -z "$_vew_quote" ] && [ "$_vew_start" = 0 ] && [ "$_vew_raw" = "$_vew_word" ] &&
        [[ ${_vew_cands[*]} != *[!A-Za-z0-9@%+=:,./_-]* ]]; then
        COMPREPLY=("${_vew_cands[@]}")
        _vew_cands=()
    fi
    IFS=$' \t\n'
    for _vew_cand in "${_vew_cands[@]}"; do
        _vew_tail=${_vew_cand:${#_vew_word}}
        case $_vew_quote in
            "'") _vew_tail=${_vew_tail//\'/\'\\\'\'} ;;
            '"')
                _vew_tail=${_vew_tail//\\/\\\\}
                _vew_tail=${_vew_tail//\$/\\\$}
                _vew_tail=${_vew_tail//\"/\\\"}
                _vew_tail=${_vew_tail//\`/\\\`}
                ;;
            *)
                [[ $_vew_tail != *[!A-Za-z0-9@%+=:,./_-]* ]] ||
                    builtin printf -v _vew_tail %q "$_vew_tail"
                ;;
        esac
        # Readline closes an open quote after a single match, unless the match already ends
        # with that quote character (an escaped one, in a name ending with it): close it here.
        case $_vew_quote:$_vew_tail in
            "'":*"'" | '":'*'"') _vew_tail+=$_vew_quote ;;
        esac
        COMPREPLY+=("${_vew_raw:_vew_start}$_vew_tail")
    done
    # A directory is not the end of the path: no space after it.
    if [ "${#COMPREPLY[@]}" = 1 ] && [[ ${COMPREPLY[0]} == */ ]]; then
        compopt -o nospace 2>/dev/null
    fi
    return 0
}

_vew_complete_setup() {
    complete -F _vew_complete __VEW_COMPLETION_NAMES__
}

# Auto-activation runs first at each prompt, only while it is on: PROMPT_COMMAND is left as
# the user set it otherwise. The entry names _vew_auto only where _VEW_AUTO_PWD is set (never
# exported): a child bash that inherits an exported PROMPT_COMMAND but has not loaded vew
# finds an empty command there, not a missing function.
_vew_auto_setup() {
    [ "${VEW_AUTO_ACTIVATE-}" = 1 ] || return 0
    _VEW_AUTO_PWD=${_VEW_AUTO_PWD-}
    case ${PROMPT_COMMAND-} in
        *'${_VEW_AUTO_PWD+_vew_auto}'*) ;;
        '') PROMPT_COMMAND='${_VEW_AUTO_PWD+_vew_auto}' ;;
        *) PROMPT_COMMAND='${_VEW_AUTO_PWD+_vew_auto};'$PROMPT_COMMAND ;;
    esac
}

# Auto-activation was turned off: PROMPT_COMMAND goes back to what the user had.
_vew_auto_off() {
    PROMPT_COMMAND=${PROMPT_COMMAND-}
    PROMPT_COMMAND=${PROMPT_COMMAND//'${_VEW_AUTO_PWD+_vew_auto};'/}
    PROMPT_COMMAND=${PROMPT_COMMAND//'${_VEW_AUTO_PWD+_vew_auto}'/}
    [ -n "$PROMPT_COMMAND" ] || unset PROMPT_COMMAND
    unset _VEW_AUTO_PWD _VEW_AUTO_ENV
}

_vew_run _vew_load
