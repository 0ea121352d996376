# vew: tab completion in zsh.
#
# The core renders _vew_complete_spec's case statement from its catalogue of commands: one
# _arguments call per command (and per "vew SUB"), with each option's description.
_vew_complete() {
    _vew_complete_spec "${words[1]:t}"
}

_vew_complete_spec() {
    local curcontext=$curcontext state state_descr line
    local -A opt_args
    __VEW_COMPLETION_SPEC__
}

# Completing an environment name lists $WORKON_HOME here, in the shell: no process.
_vew_complete_envs() {
    local -a _vew_names expl
    _vew_envs
    _wanted environments expl environment compadd -a _vew_names
}

# DIR: the directories under DIR, ending with / (no space after them: more may follow).
_vew_complete_dirs_in() {
    local -a _vew_base
    _vew_base=("$1")
    _files -/ -W _vew_base
}

_vew_complete_env_dirs() {
    if [[ -z ${VIRTUAL_ENV-} || ! -d $VIRTUAL_ENV ]]; then
        _message 'no active environment'
        return 1
    fi
    _vew_complete_dirs_in "$VIRTUAL_ENV"
}

_vew_complete_site_dirs() {
    local _vew_site
    if [[ -z ${VIRTUAL_ENV-} ]] ||
        ! _vew_site=$(_vew_core __complete site-packages "$VIRTUAL_ENV" 2>/dev/null); then
        _message 'no active environment'
        return 1
    fi
    _vew_complete_dirs_in "$_vew_site"
}

_vew_complete_templates() {
    local -a _vew_found
    local _vew_line
    for _vew_line in ${(f)"$(_vew_core __complete templates 2>/dev/null)"}; do
        _vew_found+=("${${_vew_line%%$'\t'*}//:/\\:}:${_vew_line#*$'\t'}")
    done
    _describe -t templates 'project template' _vew_found
}

# allvirtualenv COMMAND ARGS..., vew run ENV -- COMMAND ARGS...: the words from COMMAND on
# complete as the command line they are. _arguments (*::) leaves the positional words in
# $words: pass over the SKIP before COMMAND, and any --. (SKIP comes last: _arguments puts
# options of its own before it.)
_vew_complete_command_line() {
    local -i _vew_skip=${argv[-1]}
    while (( CURRENT > 1 )); do
        if [[ $words[1] != -- ]]; then
            (( _vew_skip > 0 )) || break
            (( _vew_skip-- ))
        fi
        shift words
        (( CURRENT-- ))
    done
    _normal
}

# Without compinit, old-style completion (compctl) of the first argument: environment names,
# and directories in the environment or its site-packages, with no space after them.
_vew_compctl_envs() {
    local -a _vew_names
    _vew_envs
    reply=("${_vew_names[@]}")
}

_vew_compctl_dirs_in() {
    emulate -L zsh
    local _vew_path
    reply=()
    [[ -n $2 ]] || return 0
    for _vew_path in "$2/$1"*(N-/); do
        reply+=("${_vew_path#$2/}/")
    done
}

_vew_compctl_env_dirs() {
    _vew_compctl_dirs_in "$1" "${VIRTUAL_ENV-}"
}

_vew_compctl_site_dirs() {
    [[ -z ${VIRTUAL_ENV-} ]] ||
        _vew_compctl_dirs_in "$1" "$(_vew_core __complete site-packages "$VIRTUAL_ENV" 2>/dev/null)"
}

# Registers completion with compdef once compinit has defined it: now, or, when compinit has
# not run yet (it often runs later in .zshrc), before each prompt until it has; meanwhile the
# first argument completes through compctl.
_vew_complete_setup() {
    if (( $+functions[compdef] )); then
        compdef _vew_complete __VEW_COMPLETION_NAMES__
        precmd_functions=(${precmd_functions:#_vew_complete_setup})
        return 0
    fi
    if (( ! ${#${(M)precmd_functions:#_vew_complete_setup}} )); then
        precmd_functions+=(_vew_complete_setup)
        __VEW_COMPLETION_FALLBACK__
    fi
}
