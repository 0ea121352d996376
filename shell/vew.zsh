# vew: the zsh part of the shim (see vew.sh for the part zsh shares with bash).

_vew_cd() {
    builtin cd -q -- "$1"
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
    # Glob the names alone: sorting whole paths would put "a-b/bin/activate" before
    # "a/bin/activate", as '-' sorts before '/'.
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
