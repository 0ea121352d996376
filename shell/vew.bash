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
# it. With 1,000 environments a loop over them in bash costs more than the glob itself, so the
# paths are cut to names in one joined string (names have no newline: see vew.names). An entry
# counts when its activate script exists, as in virtualenvwrapper's own listing.
_vew_envs() {
    local - LC_ALL=C IFS=$'\n' _vew_option _vew_options=() _vew_incomplete _vew_all _vew_name
    local _vew_skip _vew_kept
    for _vew_option in nullglob failglob dotglob nocaseglob; do
        shopt -q "$_vew_option" && _vew_options+=("$_vew_option")
    done
    shopt -s nullglob
    shopt -u failglob dotglob nocaseglob
    _vew_names=("$WORKON_HOME/${1-}"*/"$VIRTUALENVWRAPPER_ENV_BIN_DIR"/activate)
    _vew_incomplete=("$WORKON_HOME/${1-}"*/.vew-incomplete)
    shopt -u nullglob
    [ "${#_vew_options[@]}" -eq 0 ] || shopt -s "${_vew_options[@]}"
    _vew_all=$'\n'"${_vew_names[*]}"
    _vew_all=${_vew_all//$'\n'"$WORKON_HOME/"/$'\n'}
    _vew_all=${_vew_all//"/$VIRTUALENVWRAPPER_ENV_BIN_DIR/activate"/}
    set -f
    _vew_names=($_vew_all)
    [ "${#_vew_incomplete[@]}" -gt 0 ] || return 0
    _vew_skip=$'\n'
    for _vew_name in "${_vew_incomplete[@]}"; do
        _vew_name=${_vew_name#"$WORKON_HOME"/}
        _vew_skip+=${_vew_name%%/*}$'\n'
    done
    _vew_kept=()
    for _vew_name in "${_vew_names[@]}"; do
        case $_vew_skip in
            *$'\n'"$_vew_name"$'\n'*) ;;
            *) _vew_kept+=("$_vew_name") ;;
        esac
    done
    _vew_names=("${_vew_kept[@]}")
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
