# vew: the bash part of the shim (see vew.sh for the part bash shares with zsh).

_vew_cd() {
    CDPATH='' builtin cd -- "$1"
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
    # Glob the names alone: sorting whole paths would put "a-b/bin/activate" before
    # "a/bin/activate", as '-' sorts before '/'.
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
