# vew: the core of the zsh shim, what zsh does its own way (posix/core.sh is the part zsh
# shares with bash).

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
# hook that calls exit ends itself, not the user's shell. _vew_source -c CODE runs CODE so. Aliases expand as the file is read, so
# every exit written in the file is covered; the alias names a variable that is `return` only
# while a hook is being sourced, so functions the hook defines, and the alias itself if a Ctrl-C
# cuts this function short, still exit. The user's alias named exit comes back afterwards.
# The options the hook sets or unsets are noted for _vew_run, which sets them for the user once
# vew's function returns; vew's own come back when this one returns (local_options).
_vew_source() {
    local _vew_file="$1" _vew_hook_exit=return _vew_user_alias="" _vew_status=0 _vew_eval=""
    local _vew_options
    local -a _vew_now
    [[ $1 != -c ]] || { _vew_eval=1; _vew_file=$2; }
    set --
    # The hook runs under the user's options (see _vew_run), but for err_exit, err_return and
    # nounset: a failing command or an unset variable in it must not end the shell or cut vew
    # short. (Set here, in this function: local_options takes them back on return.)
    if (( ${+_vew_user_options} )); then
        if [[ -z $_vew_user_delta ]]; then
            # Once per command: vew's own options are the same for every hook it sources.
            _vew_user_delta=1
            _vew_now=(${(k)options[(R)on]})
            # Options that are the shell's state rather than a choice stay as they are, here
            # and in _vew_note_options.
            _vew_user_on=(${${_vew_user_options:|_vew_now}:#(errexit|errreturn|localoptions|localtraps|localloops|localpatterns|interactive|login|shinstdin|singlecommand|privileged|restricted|zle|monitor)})
            _vew_user_off=(${${_vew_now:|_vew_user_options}:#(unset|localoptions|localtraps|localloops|localpatterns|interactive|login|shinstdin|singlecommand|privileged|restricted|zle|monitor)})
        fi
        (( ! $#_vew_user_on )) || setopt $_vew_user_on
        (( ! $#_vew_user_off )) || unsetopt $_vew_user_off
    fi
    _vew_options="${(j: :)${(k)options[(R)on]}}"
    case ${aliases[exit]-} in
        '${_vew_hook_exit:-exit}') ;;  # left behind by an interrupted hook: ours, not the user's
        *) _vew_user_alias=${aliases[exit]-} ;;
    esac
    aliases[exit]='${_vew_hook_exit:-exit}'
    if [[ -n $_vew_eval ]]; then
        _vew_eval_code || _vew_status=$?
    else
        . "$_vew_file" || _vew_status=$?
    fi
    if [ -n "$_vew_user_alias" ]; then
        aliases[exit]=$_vew_user_alias
    else
        unalias exit 2>/dev/null
    fi
    # Joined explicitly: the hook may have changed IFS, or set ksh_arrays.
    [[ "${(j: :)${(k)options[(R)on]}}" == "$_vew_options" ]] ||
        _vew_note_options "$_vew_options" "${(j: :)${(k)options[(R)on]}}"
    setopt local_options
    return $_vew_status
}

# _vew_note_options BEFORE AFTER: add to _vew_hook_options what turns the options that are on
# in BEFORE into those on in AFTER (each "${(k)options[(R)on]}" at the time).
_vew_note_options() {
    emulate -L zsh
    local -a _vew_before _vew_after _vew_set _vew_unset
    _vew_before=(${=1})
    _vew_after=(${=2})
    _vew_set=(${${_vew_after:|_vew_before}:#(localoptions|localtraps|localloops|localpatterns|interactive|login|shinstdin|singlecommand|privileged|restricted|zle|monitor)})
    _vew_unset=(${${_vew_before:|_vew_after}:#(localoptions|localtraps|localloops|localpatterns|interactive|login|shinstdin|singlecommand|privileged|restricted|zle|monitor)})
    (( ! $#_vew_set )) || _vew_hook_options+="setopt $_vew_set;"
    (( ! $#_vew_unset )) || _vew_hook_options+="unsetopt $_vew_unset;"
}

# _vew_run FUNCTION ARGS...: every user command, as the shell calls it. FUNCTION runs under
# vew's own options (`emulate -L zsh`), which go away when it returns; what the hooks it sources
# set or unset (`setopt autocd`), which _vew_source notes in _vew_hook_options, is then done
# here, in the user's shell, where it stays, as virtualenvwrapper leaves it. Called within
# another vew function (loading vew checks the starting directory), it only runs FUNCTION: the
# outermost call does the rest, once that function's options are gone.
_vew_run() {
    if (( ${+_vew_running} )); then
        "$@"
        return
    fi
    local _vew_running=1 _vew_run_status=0 _vew_user_delta=""
    local -a _vew_user_options _vew_user_on _vew_user_off
    _vew_user_options=(${(k)options[(R)on]})
    "$@" || _vew_run_status=$?
    if [[ -n ${_vew_hook_options-} ]]; then
        eval "$_vew_hook_options"
        unset _vew_hook_options
    fi
    return $_vew_run_status
}

# _vew_trusted FILE ACTION: true when the hook FILE may be ACTION ("sourced" or "run"); else
# one line on stderr says why and how to fix it (see src/vew/trust.py for the rule). zsh's glob
# qualifiers read owners and permissions (symlinks followed): the whole check, every time,
# without starting a program.
_vew_trusted() {
    emulate -L zsh -o extended_glob
    local _vew_dir=${1:h}
    # All is well: one test of each (owned by another user, or writable by others).
    [[ -z $1(#qN-^Uu0,-W) && -z $_vew_dir(#qN-/^Uu0,-/W^t) ]] && return 0
    local _vew_hook=$1 _vew_action=$2 _vew_hook_word=${(q-)1} _vew_dir_word=${(q-)_vew_dir}
    if [[ -n $1(#qN-^Uu0) ]]; then
        _vew_error __VEW_MESSAGE_HOOK_NOT_YOURS__
    elif [[ -n $1(#qN-W) ]]; then
        _vew_error __VEW_MESSAGE_HOOK_WRITABLE__
    elif [[ -n $_vew_dir(#qN-^Uu0) ]]; then
        _vew_error __VEW_MESSAGE_HOOK_DIR_NOT_YOURS__
    elif [[ -n $_vew_dir(#qN-/W^t) ]]; then
        _vew_error __VEW_MESSAGE_HOOK_DIR_WRITABLE__
    else
        return 0
    fi
    return 1
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
# it; filling an array, not printing, saves completion a subshell. One glob over the names,
# whose qualifiers do the checks (a directory, symlinks followed, holding a regular activate
# file and no unfinished-build marker): cheaper than a loop over 1,000 names in the shell.
_vew_envs() {
    emulate -L zsh
    # The e qualifier below hands each path over in REPLY: a local, or the user's is clobbered.
    local LC_ALL=C REPLY _vew_incomplete=__VEW_FILE_INCOMPLETE__
    _vew_names=()
    [[ ${1-} != .* ]] || return 0
    _vew_names=("$WORKON_HOME/${1-}"*(N-/on^e:'[[ -e $REPLY/$_vew_incomplete || ! -f $REPLY/$VIRTUALENVWRAPPER_ENV_BIN_DIR/activate ]]':))
    _vew_names=("${(@)_vew_names:t}")
    return 0
}

# The directories in DIR named python* or pypy*, in the caller's _vew_dirs.
_vew_lib_dirs() {
    emulate -L zsh
    _vew_dirs=("$1"/(python|pypy)*(N-/))
}

# lsvirtualenv -b, in the shell.
_vew_list() {
    emulate -L zsh
    local -a _vew_names
    _vew_envs
    (( ! $#_vew_names )) || builtin print -rl -- "${_vew_names[@]}"
}
