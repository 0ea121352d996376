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

# The environments whose name starts with PREFIX (all without one), in the caller's _vew_names:
# sorted by code point, no dot names, no unfinished builds. Completion and lsvirtualenv -b use
# it. One glob whose qualifiers do the checks (a directory, symlinks followed, holding a regular
# activate file and no unfinished-build marker): with 1,000 environments a loop over the names
# costs more than the glob itself.
_vew_envs() {
    emulate -L zsh
    local LC_ALL=C
    _vew_names=("$WORKON_HOME/${1-}"*(N-/on^e:'[[ -e $REPLY/.vew-incomplete || ! -f $REPLY/$VIRTUALENVWRAPPER_ENV_BIN_DIR/activate ]]':))
    _vew_names=("${(@)_vew_names:t}")
}

# lsvirtualenv -b, in the shell.
_vew_list() {
    emulate -L zsh
    local -a _vew_names
    _vew_envs
    (( ! $#_vew_names )) || builtin print -rl -- "${_vew_names[@]}"
}

_vew_complete_setup() {
    :
}

_vew_auto_setup() {
    (( ${chpwd_functions[(Ie)_vew_auto]} )) || chpwd_functions+=(_vew_auto)
    _vew_auto
}

_vew_load
