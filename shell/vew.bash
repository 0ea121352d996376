# vew: the bash part of the shim (see vew.sh for the part bash shares with zsh).

_vew_cd() {
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
# hook that calls exit ends itself, not the user's shell. Aliases expand as the file is read, so
# every exit written in the file is covered; the alias names a variable that is `return` only
# while a hook is being sourced, so functions the hook defines, and the alias itself if a Ctrl-C
# cuts this function short, still exit. The user's alias named exit and expand_aliases return.
_vew_source() {
    local _vew_file="$1" _vew_hook_exit=return _vew_user_alias="" _vew_expand=0 _vew_status=0
    shift
    case ${BASH_ALIASES[exit]-} in
        '${_vew_hook_exit:-exit}') ;;  # left behind by an interrupted hook: ours, not the user's
        *) _vew_user_alias=${BASH_ALIASES[exit]-} ;;
    esac
    shopt -q expand_aliases && _vew_expand=1
    shopt -s expand_aliases
    alias exit='${_vew_hook_exit:-exit}'
    . "$_vew_file" || _vew_status=$?
    if [ -n "$_vew_user_alias" ]; then
        BASH_ALIASES[exit]=$_vew_user_alias
    else
        unalias exit 2>/dev/null
    fi
    [ "$_vew_expand" = 1 ] || shopt -u expand_aliases
    return "$_vew_status"
}

_vew_keep_env_deactivate() {
    if declare -F deactivate >/dev/null; then
        eval "_vew_env_own_$(declare -f deactivate)"
    else
        _vew_env_own_deactivate() { :; }
    fi
}

# lsvirtualenv -b, in the shell: names sorted by code point, no dot names, no unfinished builds.
_vew_list() {
    local LC_ALL=C _vew_path _vew_failglob=0
    if shopt -q failglob; then
        _vew_failglob=1
        shopt -u failglob
    fi
    # Globbing the entries themselves sorts by name ("a" before "a b"), not by path.
    for _vew_path in "$WORKON_HOME"/*; do
        [ -f "$_vew_path/$VIRTUALENVWRAPPER_ENV_BIN_DIR/activate" ] || continue
        case ${_vew_path##*/} in .*) continue ;; esac
        [ -e "$_vew_path/.vew-incomplete" ] || builtin printf '%s\n' "${_vew_path##*/}"
    done
    [ "$_vew_failglob" = 0 ] || shopt -s failglob
}

_vew_complete_setup() {
    :
}

_vew_auto_setup() {
    case ${PROMPT_COMMAND-} in
        *_vew_auto*) ;;
        '') PROMPT_COMMAND=_vew_auto ;;
        *) PROMPT_COMMAND="_vew_auto;$PROMPT_COMMAND" ;;
    esac
}

_vew_load
