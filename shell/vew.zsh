# vew: the zsh part of the shim (see vew.sh for the part zsh shares with bash).

_vew_cd() {
    builtin cd -q -- "$1"
}

# _vew_run_core ARGS...: the core's output to the terminal, its code for the shell (fd 3) into
# the caller's _vew_code. Ctrl-C meanwhile is the core's to handle (it undoes what it was doing
# and exits 130), so the shell waits for it rather than leave the command substitution at once,
# as zsh does on SIGINT; local_traps gives the user's INT trap back on return.
_vew_run_core() {
    setopt local_options local_traps
    trap : INT
    { _vew_code=$(_vew_core "$@" 3>&1 1>&4 4>&-); } 4>&1
}

# _vew_source FILE: source FILE, with no positional parameters, reading `exit` as `return`: a
# hook that calls exit ends itself, not the user's shell. Aliases expand as the file is read, so
# every exit written in the file is covered; the alias names a variable that is `return` only
# while a hook is being sourced, so functions the hook defines, and the alias itself if a Ctrl-C
# cuts this function short, still exit. The user's alias named exit comes back afterwards.
_vew_source() {
    local _vew_file="$1" _vew_hook_exit=return _vew_user_alias="" _vew_status=0
    shift
    case ${aliases[exit]-} in
        '${_vew_hook_exit:-exit}') ;;  # left behind by an interrupted hook: ours, not the user's
        *) _vew_user_alias=${aliases[exit]-} ;;
    esac
    aliases[exit]='${_vew_hook_exit:-exit}'
    . "$_vew_file" || _vew_status=$?
    if [ -n "$_vew_user_alias" ]; then
        aliases[exit]=$_vew_user_alias
    else
        unalias exit 2>/dev/null
    fi
    return $_vew_status
}

_vew_keep_env_deactivate() {
    if (( $+functions[deactivate] )); then
        functions -c deactivate _vew_env_own_deactivate 2>/dev/null ||
            eval "_vew_env_own_$(functions deactivate)"
    else
        _vew_env_own_deactivate() { :; }
    fi
}

# lsvirtualenv -b, in the shell: names sorted by code point, no dot names, no unfinished builds.
_vew_list() {
    emulate -L zsh
    local LC_ALL=C _vew_path
    # Globbing the entries themselves sorts by name ("a" before "a b"), not by path.
    for _vew_path in "$WORKON_HOME"/*(N-/on); do
        [[ -f "$_vew_path/$VIRTUALENVWRAPPER_ENV_BIN_DIR/activate" ]] || continue
        [[ -e "$_vew_path/.vew-incomplete" ]] || builtin printf '%s\n' "${_vew_path:t}"
    done
}

_vew_complete_setup() {
    :
}

_vew_auto_setup() {
    (( ${chpwd_functions[(Ie)_vew_auto]} )) || chpwd_functions+=(_vew_auto)
    _vew_auto
}

_vew_load
