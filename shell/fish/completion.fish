# vew: tab completion in fish.
#
# The core renders _vew_spec's switch from its catalogue: for each command (or "vew SUB"),
# one line per option ("o FLAG", or "o FLAG=KIND" when it takes a value), per positional
# argument ("a KIND"), for every further one ("r KIND"), per subcommand ("s NAME<TAB>SUMMARY").
# A KIND is env, directory, file, command, command-line, env-dir, site-dir, template, nothing,
# or words:WORD... Option names and their descriptions fish completes itself, from the
# `complete -s/-l -d` lines _vew_complete_setup registers.
function _vew_spec
    __VEW_COMPLETION_SPEC__
end

# Every value for the word being completed: complete -a '(_vew_complete_args)'.
function _vew_complete_args
    set -l _vew_tokens (commandline -opc)
    set -l _vew_current (commandline -ct)
    # Pass over assignments before the command (VAR=value cdvirtualenv ...).
    while set -q _vew_tokens[2]; and string match -qr -- '^[A-Za-z_][A-Za-z0-9_]*=' $_vew_tokens[1]
        set -e _vew_tokens[1]
    end
    set -q _vew_tokens[1]; or return 0
    set -l _vew_key (string replace -r '.*/' '' -- $_vew_tokens[1])
    set -l _vew_spec (_vew_spec $_vew_key)
    set -l _vew_kind ''
    set -l _vew_lead ''
    set -l _vew_count 0
    set -l _vew_only 0
    set -l _vew_i 2
    while test $_vew_i -le (count $_vew_tokens)
        set -l _vew_word $_vew_tokens[$_vew_i]
        if test $_vew_only = 0; and test "$_vew_word" = --
            set _vew_only 1
        else if test $_vew_only = 0; and string match -q -- '-?*' $_vew_word
            set -l _vew_valued (_vew_valued $_vew_word $_vew_spec)
            if test -n "$_vew_valued"
                if test $_vew_i -eq (count $_vew_tokens)
                    # The word being completed is this option's value.
                    set _vew_kind $_vew_valued
                    break
                end
                set _vew_i (math $_vew_i + 1)
            end
        else if test $_vew_count = 0; and string match -q -- "s $_vew_word	*" $_vew_spec
            set _vew_key "$_vew_key $_vew_word"
            set _vew_spec (_vew_spec $_vew_key)
        else
            set _vew_count (math $_vew_count + 1)
            set -l _vew_args (string replace -rf '^a ' '' -- $_vew_spec)
            if test $_vew_count -ge (count $_vew_args); and contains -- 'r command-line' $_vew_spec
                # COMMAND ARGS...: the rest completes as that command line does.
                complete -C (string join ' ' -- (string escape -- $_vew_tokens[$_vew_i..-1]) "$_vew_current")
                return 0
            end
        end
        set _vew_i (math $_vew_i + 1)
    end
    if test -z "$_vew_kind"; and test $_vew_only = 0; and string match -q -- '-*' $_vew_current
        # --OPTION=VALUE: the value; a bare option fish offers itself.
        string match -q -- '--*=*' $_vew_current; or return 0
        set _vew_lead (string replace -r '=.*' '=' -- $_vew_current)
        set _vew_kind (_vew_valued (string replace -r '=.*' '' -- $_vew_current) $_vew_spec)
        test -n "$_vew_kind"; or return 0
        set _vew_current (string replace -r '^[^=]*=' '' -- $_vew_current)
    else if test -z "$_vew_kind"; and test $_vew_count = 0; and string match -q -- 's *' $_vew_spec
        string replace -rf '^s ' '' -- $_vew_spec
        return 0
    else if test -z "$_vew_kind"
        set -l _vew_args (string replace -rf '^a ' '' -- $_vew_spec)
        set _vew_kind $_vew_args[(math $_vew_count + 1)]
        test -n "$_vew_kind"; or set _vew_kind (string replace -rf '^r ' '' -- $_vew_spec)
    end
    set -l _vew_values (_vew_complete_values "$_vew_kind" "$_vew_current")
    set -q _vew_values[1]; and builtin printf '%s\n' "$_vew_lead"$_vew_values
    return 0
end

# _vew_valued FLAG SPEC...: the KIND of FLAG's value, if FLAG is an option that takes one.
function _vew_valued
    set -l _vew_line (string match -- "o $argv[1]=*" $argv[2..-1])
    set -q _vew_line[1]; and string replace -- "o $argv[1]=" '' $_vew_line[1]
end

# _vew_complete_values KIND TYPED: the values of KIND, with a description after a tab.
# Environment names are listed right here: no process.
function _vew_complete_values
    set -l _vew_typed (string unescape -- "$argv[2]" 2>/dev/null; or builtin printf '%s' "$argv[2]")
    switch "$argv[1]"
        case env
            _vew_envs
        case directory
            __fish_complete_directories "$_vew_typed"
        case file
            __fish_complete_path "$_vew_typed"
        case env-dir
            set -q VIRTUAL_ENV; and test -d "$VIRTUAL_ENV"; and _vew_complete_dirs_in "$VIRTUAL_ENV" "$_vew_typed"
        case site-dir
            set -q VIRTUAL_ENV; or return 0
            set -l _vew_site (_vew_core __complete site-packages "$VIRTUAL_ENV" 2>/dev/null)
            and _vew_complete_dirs_in "$_vew_site" "$_vew_typed"
        case command
            complete -C "$_vew_typed"
        case template
            _vew_core __complete templates 2>/dev/null
        case 'words:*'
            string split ' ' -- (string replace 'words:' '' -- $argv[1])
    end
end

# _vew_complete_dirs_in BASE TYPED: the directories under BASE that TYPED names, ending with /
# (fish then adds no space: more may follow).
function _vew_complete_dirs_in
    set -l _vew_base (string replace -r '/*$' '/' -- $argv[1])
    for _vew_dir in $_vew_base$argv[2]*/
        string replace -- $_vew_base '' $_vew_dir
    end
end

function _vew_complete_setup
    __VEW_COMPLETION_REGISTER__
end
