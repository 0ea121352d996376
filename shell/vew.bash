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

# The environments whose name starts with PREFIX (all without one), in the caller's _vew_names:
# sorted by code point, no dot names, no unfinished builds. Completion and lsvirtualenv -b use
# it. The glob is over the names alone: sorting whole paths would put "a-b/bin/activate" before
# "a/bin/activate", as '-' sorts before '/'. With 1,000 environments the loop is most of the
# cost, so its body is one [[ ]] test and a cut at a fixed offset (${path##*/} costs more).
_vew_envs() {
    local LC_ALL=C _vew_path _vew_cut=$((${#WORKON_HOME} + 1)) _vew_option _vew_options=()
    for _vew_option in failglob dotglob nocaseglob; do
        shopt -q "$_vew_option" && _vew_options+=("$_vew_option")
    done
    shopt -u failglob dotglob nocaseglob
    _vew_names=()
    for _vew_path in "$WORKON_HOME/${1-}"*; do
        [[ -f $_vew_path/$VIRTUALENVWRAPPER_ENV_BIN_DIR/activate &&
            ! -e $_vew_path/.vew-incomplete ]] && _vew_names+=("${_vew_path:_vew_cut}")
    done
    [ "${#_vew_options[@]}" -eq 0 ] || shopt -s "${_vew_options[@]}"
    return 0
}

# lsvirtualenv -b, in the shell.
_vew_list() {
    local _vew_names
    _vew_envs
    [ "${#_vew_names[@]}" -eq 0 ] || builtin printf '%s\n' "${_vew_names[@]}"
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
