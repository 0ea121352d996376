# vew: the fish shim.
#
# `vew init fish` renders this file: every __VEW_*__ word is a placeholder the core fills in (the
# steps of workon and deactivate come from the core, so their order lives in one place for every
# shell). Sourcing the result starts no process. It mirrors vew.sh primitive by primitive.
#
# fish functions do not see their caller's variables: every primitive takes what it needs as
# arguments, and the rendered steps only name locals of the function they are rendered into.
# Only the user commands and the _vew_* functions are defined; internal variables are locals.

function _vew_core
    __VEW_CORE__ $argv
end

function _vew_error
    builtin printf 'ERROR: %s\n' "$argv[1]" >&2
end

function _vew_warning
    builtin printf 'WARNING: %s\n' "$argv[1]" >&2
end

# vew's own cd (workon's cd to the project, cdproject, _vew_run_in ...) is no entering or
# leaving for auto-activation, as zsh's cd -q is not: _vew_auto_busy holds its checks.
function _vew_cd
    if set -q _vew_auto_busy
        builtin cd -- $argv[1]
        return
    end
    set -g _vew_auto_busy 1
    builtin cd -- $argv[1]
    set -l _vew_status $status
    set -e -g _vew_auto_busy
    return $_vew_status
end

# _vew_echo TEXT: one line of output the user asked for, in order with what hooks print.
function _vew_echo
    builtin printf '%s\n' "$argv[1]"
end

# Commands that are not on the hot path run in the core, which prints what the user asked
# for on stdout (here fd 4) and writes what the shell itself must do (activate, cd, source
# hooks) on fd 3, read here and then evaluated. No temporary file, no external command. The
# outer block opens fd 4 because a command substitution would not see it: a pipe into `read`
# does.
function _vew_call
    set -l _vew_code ''
    set -l _vew_status 0
    set -l _vew_code_status 0
    # Ctrl-C while the core runs is the core's to handle: it undoes what it was doing, exits
    # 130 and may still ask for steps (leave a half-made environment). While a handler of ours
    # exists, fish does not cancel this function meanwhile.
    function _vew_hold_interrupt --on-signal INT
    end
    begin
        begin
            _vew_core __call __VEW_SHELL__ fd:3 $argv 3>&1 1>&4 4>&-
        end | read -z _vew_code
        set _vew_status $pipestatus[1]
    end 4>&1
    functions -e _vew_hold_interrupt
    if test -n "$_vew_code"
        eval "$_vew_code"
        set _vew_code_status $status
    end
    test $_vew_status -ne 0; or set _vew_status $_vew_code_status
    return $_vew_status
end

function _vew_ensure_home
    test -d "$WORKON_HOME"; and return 0
    builtin printf 'NOTE: Virtual environments directory %s does not exist. Creating...\n' \
        "$WORKON_HOME" >&2
    command mkdir -p -- "$WORKON_HOME"
end

# True when a hook file holds nothing but comments and blank lines: running it would do
# nothing, so the hot path skips the process it would cost (vew's own stubs look like this).
function _vew_is_stub
    test -r "$argv[1]"; or return 1
    not string match -q -r -v -- '^(#|$)' <"$argv[1]"
end

# _vew_trusted FILE ACTION: true when the hook FILE may be ACTION ("sourced" or "run"); else
# one line on stderr says why and how to fix it (see src/vew/trust.py for the rule). fish can
# only test ownership by itself: the permissions come from the list the core writes after each
# of its commands, unless FILE changed since (or is not yours, or is listed), when `find`
# checks it now.
function _vew_trusted
    set -l _vew_dir (string replace -r '/[^/]*$' '' -- "$argv[1]")
    test -n "$_vew_dir"; or set _vew_dir /
    set -l _vew_list "$VIRTUALENVWRAPPER_HOOK_DIR/.vew-hooks-checked"
    if test -O "$argv[1]"; and test -O "$_vew_dir"; and test -O "$_vew_list"
        and test "$_vew_list" -nt "$argv[1]" 2>/dev/null
        and not string match -q -r '[\t\n]' -- "$argv[1]"
        set -l _vew_prefix (string replace -ra -- '[][\\\\^$.|?*+(){}]' '\\\\$0' "$argv[1]")
        # Listed: checked again now, so that a fix made since counts at once.
        string match -q -r -- "^$_vew_prefix\t" <"$_vew_list"; or return 0
    end
    _vew_trust_now $argv
end

# The same check, done now with `find` (a program: only when the list cannot vouch for FILE).
function _vew_trust_now
    set -l _vew_file "$argv[1]"
    set -l _vew_dir (string replace -r '/[^/]*$' '' -- "$argv[1]")
    test -n "$_vew_dir"; or set _vew_dir /
    string match -q -- '-*' "$_vew_file"; and set _vew_file "./$_vew_file"
    string match -q -- '-*' "$_vew_dir"; and set _vew_dir "./$_vew_dir"
    set -l _vew_me (command id -u)
    # Two programs (with id) when all is well; which problem it is takes a few more.
    set -l _vew_found (command find -L "$_vew_file" "$_vew_dir" -prune \( ! -user 0 \
        ! -user $_vew_me -o -perm -0002 \( ! -type d -o ! -perm -1000 \) \) -print 2>/dev/null)
    set -q _vew_found[1]; or return 0
    set -l _vew_other (command find -L "$_vew_file" -prune ! -user 0 ! -user $_vew_me 2>/dev/null)
    set -l _vew_writable (command find -L "$_vew_file" -prune -perm -0002 2>/dev/null)
    set -l _vew_dir_other (command find -L "$_vew_dir" -prune ! -user 0 ! -user $_vew_me 2>/dev/null)
    if set -q _vew_other[1]
        _vew_error "hook $argv[1] is not $argv[2]: it belongs to another user (fix: check it, then copy it to a file of yours in its place)"
    else if set -q _vew_writable[1]
        _vew_error "hook $argv[1] is not $argv[2]: it is writable by other users (fix: chmod o-w "(string escape -- "$argv[1]")")"
    else if set -q _vew_dir_other[1]
        _vew_error "hook $argv[1] is not $argv[2]: its directory belongs to another user (fix: move the hook to a directory of yours)"
    else
        _vew_error "hook $argv[1] is not $argv[2]: its directory $_vew_dir is writable by other users (fix: chmod o-w "(string escape -- "$_vew_dir")")"
    end
    return 1
end

# A sh-family hook is not fish: say once per session that it is left out, never fail.
function _vew_note_sh_hook
    set -q _vew_sh_hook_noted; and return 0
    test -f "$argv[1]"; or return 0
    _vew_is_stub "$argv[1]"; and return 0
    set -g _vew_sh_hook_noted 1
    builtin printf '%s\n' >&2 \
        "NOTE: $argv[1] is a sh hook, which fish does not source; fish sources $argv[1].fish" \
        "instead. Create that file (even empty) to silence this note, shown once per session."
end

# _vew_source_code CODE ORIGIN [SUBSHELL]: the sh code a virtualenvwrapper plugin returned (ORIGIN
# says which) is not fish: say once per session that it is left out, never fail.
function _vew_source_code
    set -q _vew_plugin_code_noted; and return 0
    set -g _vew_plugin_code_noted 1
    builtin printf '%s\n' >&2 \
        "NOTE: $argv[2] returned shell code for bash and zsh, which fish does not run" \
        "(this note is shown once per session)."
end

# _vew_source_hook DIR NAME: source DIR/NAME.fish in this shell, with no arguments.
function _vew_source_hook
    test -n "$argv[1]"; or return 0
    if not test -f "$argv[1]/$argv[2].fish"
        _vew_note_sh_hook "$argv[1]/$argv[2]"
        return 0
    end
    set -l _vew_hook "$argv[1]/$argv[2].fish"
    # Nothing but comments: there is nothing to source, nor to trust.
    _vew_is_stub "$_vew_hook"; and return 0
    _vew_trusted "$_vew_hook" sourced; or return 0
    builtin source "$_vew_hook"
    set -l _vew_hook_status $status
    if test $_vew_hook_status -ne 0
        _vew_error "hook $_vew_hook exited with status $_vew_hook_status"
    end
    return 0
end

# _vew_run_hook DIR NAME ARGS...: run DIR/NAME as a program, in $WORKON_HOME. The same file
# serves every shell; /bin/sh only changes directory for it, so fish's own stays put.
function _vew_run_hook
    test -n "$argv[1]"; and test -f "$argv[1]/$argv[2]"; or return 0
    set -l _vew_hook "$argv[1]/$argv[2]"
    if not test -x "$_vew_hook"
        _vew_error "hook $_vew_hook is not executable; not run"
        return 0
    end
    _vew_is_stub "$_vew_hook"; and return 0
    _vew_trusted "$_vew_hook" run; or return 0
    command /bin/sh -c 'CDPATH= cd -- "$1" && shift && exec "$@"' vew-hook \
        "$WORKON_HOME" "$_vew_hook" $argv[3..-1]
    set -l _vew_hook_status $status
    if test $_vew_hook_status -ne 0
        _vew_error "hook $_vew_hook exited with status $_vew_hook_status"
    end
    return $_vew_hook_status
end

# _vew_read_project ENV: print the project directory ENV's project file names, if any.
function _vew_read_project
    set -l _vew_file "$argv[1]/$VIRTUALENVWRAPPER_PROJECT_FILENAME"
    test -f "$_vew_file"; or return 0
    read -l _vew_line <"$_vew_file"
    test -n "$_vew_line"; or return 0
    # A relative path is relative to ENV, taken once (see vew.sh).
    string match -q -- '/*' "$_vew_line"; or set _vew_line "$argv[1]/$_vew_line"
    builtin printf '%s\n' "$_vew_line"
    return 0
end

# Keep the environment's own deactivate under another name: ours runs the hooks around it.
function _vew_keep_env_deactivate
    functions -e _vew_env_own_deactivate
    if functions -q deactivate
        functions -c deactivate _vew_env_own_deactivate
    else
        function _vew_env_own_deactivate
        end
    end
end

function _vew_activate
    builtin source "$argv[1]/$VIRTUALENVWRAPPER_ENV_BIN_DIR/activate.fish"
    _vew_keep_env_deactivate
    function deactivate -d 'Leave the virtual environment, running its hooks (vew)'
        _vew_deactivate $argv
    end
end

function _vew_project_cd
    set -gx VIRTUALENVWRAPPER_PROJECT_CD "$argv[2]"
    if test "$argv[2]" = 1; and test -n "$argv[1]"; and test -d "$argv[1]"
        _vew_cd "$argv[1]"
    end
    return 0
end

function _vew_finish_activate
    set -e VIRTUALENVWRAPPER_PROJECT_CD
    if test "$argv[2]" = 1; and test -n "$argv[1]"; and not test -d "$argv[1]"
        _vew_error "Project directory $argv[1] does not exist"
        return 1
    end
    return 0
end

function _vew_env_deactivate
    _vew_env_own_deactivate "$argv[2]"
    set -gx VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV "$argv[1]"
    set -gx VIRTUALENVWRAPPER_LAST_VIRTUALENV "$argv[1]"
end

function _vew_finish_deactivate
    set -e VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV
    set -e VIRTUALENVWRAPPER_LAST_VIRTUALENV
    test "$argv[2]" = nondestructive; and return 0
    functions -e deactivate _vew_env_own_deactivate
    if test -f "$argv[1]/"__VEW_FILE_TMPENV__
        set -l _vew_name (string replace -r '.*/' '' -- "$argv[1]")
        builtin printf 'Removing temporary environment: %s\n' "$_vew_name"
        _vew_call rmvirtualenv "$_vew_name"
    end
    return 0
end

# _vew_run_in ENV PATH PROMPT COMMAND ARGS...: COMMAND (a program or a function of this shell)
# with the variables the core computed for "inside ENV" (as `vew run` gives a program), without
# hooks, with ENV as the working directory; returns its status. fish has no subshell, so every
# exported variable and the directory are put back afterwards. (A global the command sets
# without exporting it stays set.)
function _vew_run_in
    set -l _vew_pwd "$PWD"
    # COMMAND runs as if inside ENV, not there: no auto-activation check meanwhile.
    set -l _vew_held 0
    if not set -q _vew_auto_busy
        set -g _vew_auto_busy 1
        set _vew_held 1
    end
    # Exported variables as the environment holds them: joined (with ':' for path variables,
    # which fish splits again when they are set back).
    set -l _vew_names (set --names --export | string match -v -- PWD)
    set -l _vew_values
    for _vew_name in $_vew_names
        set -a _vew_values "$$_vew_name"
    end
    set -gx VIRTUAL_ENV "$argv[1]"
    set -gx PATH "$argv[2]"
    set -gx VIRTUAL_ENV_PROMPT "$argv[3]"
    set -e -g PYTHONHOME
    set -l _vew_status 1
    if _vew_cd "$argv[1]"
        $argv[4..-1]
        set _vew_status $status
    end
    for _vew_name in (set --names --export | string match -v -- PWD)
        contains -- $_vew_name $_vew_names; or set -e -g $_vew_name
    end
    for _vew_name in $_vew_names
        test "$$_vew_name" = "$_vew_values[1]"; or set -gx $_vew_name "$_vew_values[1]"
        set -e _vew_values[1]
    end
    test "$PWD" = "$_vew_pwd"; or _vew_cd "$_vew_pwd"
    test $_vew_held = 0; or set -e -g _vew_auto_busy
    return $_vew_status
end

# workon's checks (vew.steps.WORKON_CHECKS): each is true when its problem is there.
function _vew_missing
    test -z "$argv[1]"; or begin
        not test -e "$argv[1]"; and not test -L "$argv[1]"
    end
end

function _vew_dangling
    not test -e "$argv[1]"
end

function _vew_not_directory
    not test -d "$argv[1]"
end

function _vew_incomplete
    test -e "$argv[1]/"__VEW_FILE_INCOMPLETE__
end

function _vew_no_activate_script
    not test -f "$argv[1]/activate.fish"
end

function _vew_interpreter_dangling
    _vew_interpreter_missing "$argv[1]"; and test -L "$argv[1]"
end

function _vew_interpreter_missing
    not test -e "$argv[1]"; and not test -e "$argv[1].exe"
end

function _vew_no_pyvenv_cfg
    not test -f "$argv[1]/pyvenv.cfg"
end

# _vew_workon NAME CD: the whole of `workon NAME`, hooks included.
function _vew_workon
    set -l _vew_name "$argv[1]"
    set -l _vew_cd "$argv[2]"
    set -l _vew_env "$WORKON_HOME/$_vew_name"
    set -l _vew_env_bin "$_vew_env/$VIRTUALENVWRAPPER_ENV_BIN_DIR"
    set -l _vew_python "$_vew_env_bin/python"
    switch "$_vew_name"
        case '' . .. '*/*'
            set _vew_env ''
    end
    # A repair that was killed keeps the environment aside: the core puts it back first.
    if test -n "$_vew_env"; and test -d "$WORKON_HOME/.$_vew_name"__VEW_FILE_REPAIR_BACKUP__
        _vew_core __recover
    end
    # Something is there: say what is wrong with it rather than that it does not exist.
    __VEW_WORKON_CHECKS__
    set -l _vew_project (_vew_read_project "$_vew_env")
    set -l _vew_project_hooks
    test -n "$_vew_project"; and set _vew_project_hooks "$_vew_project/"__VEW_FILE_PROJECT_HOOKS__
    # The environment is chosen here: auto-activation, which calls this too, marks it as its
    # own again afterwards, and deactivates only what it marked.
    set -eg _VEW_AUTO_ENV
    # Leave the current environment first, with its hooks, if vew activated it.
    if functions -q _vew_env_own_deactivate
        _vew_deactivate
    end
    __VEW_ACTIVATE_STEPS__
end

function _vew_deactivate
    set -l _vew_mode "$argv[1]"
    set -l _vew_env "$VIRTUAL_ENV"
    set -l _vew_name (string split -r -m1 / -- "$_vew_env")[-1]
    set -l _vew_env_bin "$_vew_env/$VIRTUALENVWRAPPER_ENV_BIN_DIR"
    set -l _vew_project (_vew_read_project "$_vew_env")
    set -l _vew_project_hooks
    test -n "$_vew_project"; and set _vew_project_hooks "$_vew_project/"__VEW_FILE_PROJECT_HOOKS__
    __VEW_DEACTIVATE_STEPS__
end

function workon -d 'Activate a virtual environment (vew)'
    set -l _vew_cd "$VIRTUALENVWRAPPER_WORKON_CD"
    set -l _vew_name ''
    for _vew_arg in $argv
        switch "$_vew_arg"
            case -h --help
                _vew_call workon --help
                return
            case -c --cd
                set _vew_cd 1
            case -n --no-cd
                set _vew_cd 0
            case -
                # A lone dash is a name, as in bash and zsh.
                test -n "$_vew_name"; or set _vew_name -
            case '-*'
                _vew_error __VEW_MESSAGE_WORKON_UNKNOWN_OPTION__
                return 1
            case '*'
                test -n "$_vew_name"; or set _vew_name "$_vew_arg"
        end
    end
    _vew_ensure_home; or return 1
    if test -z "$_vew_name"
        _vew_list
        return 1
    end
    if test "$_vew_name" = .
        set _vew_name (string replace -r '.*/' '' -- "$PWD")
    end
    _vew_workon "$_vew_name" "$_vew_cd"
end

# The environments, one name a line, in no particular order: no dot names (the glob skips
# them), no unfinished builds. Completion (fish sorts candidates itself) and lsvirtualenv -b use
# it. Each step covers every entry at once, so the cost grows with the number of environments
# and no faster: one glob over WORKON_HOME (a glob reaching into each entry, */bin/activate,
# costs fish several times as much), one `path filter` per check (fish >= 3.5), and the names
# cut out by length, which keeps every byte of them. A loop over 1,000 entries costs several
# times as much.
function _vew_envs
    set -l _vew_dirs $WORKON_HOME/*
    set -q _vew_dirs[1]; or return 0
    set -l _vew_tail "/$VIRTUALENVWRAPPER_ENV_BIN_DIR/activate"
    set -l _vew_incomplete /__VEW_FILE_INCOMPLETE__
    if string match -qr '^3\.[0-4]\.' -- $version
        # fish before 3.5 has no `path`: a test per entry.
        for _vew_dir in $_vew_dirs
            test -f "$_vew_dir$_vew_tail"; and not test -e "$_vew_dir$_vew_incomplete"
            and string replace -r '(?s)^.*/' '' -- "$_vew_dir"
        end
        return 0
    end
    set -l _vew_found (builtin path filter -f -- $_vew_dirs$_vew_tail)
    # Unfinished builds are few: each is taken out of the list on its own.
    set -l _vew_cut -(string length -- $_vew_incomplete)
    for _vew_marker in (builtin path filter -- $_vew_dirs$_vew_incomplete)
        set -l _vew_at (contains -i -- (string sub -e $_vew_cut -- $_vew_marker)$_vew_tail $_vew_found)
        and set -e _vew_found[$_vew_at]
    end
    set -q _vew_found[1]; or return 0
    string sub -s (math (string length -- "$WORKON_HOME") + 2) \
        -e -(string length -- $_vew_tail) -- $_vew_found
end

# lsvirtualenv -b, in the shell: names sorted by code point, no dot names, no unfinished builds.
# One name or none needs no sorting, and no process.
function _vew_list
    set -l _vew_names (_vew_envs)
    if set -q _vew_names[2]
        builtin printf '%s\n' $_vew_names | _vew_sort
    else if set -q _vew_names[1]
        builtin printf '%s\n' $_vew_names
    end
end

# Lines from stdin in code-point order. fish's own order (that of globs and `path sort`) ignores
# case and reads digits as numbers, and sorting in fish code costs far more than one `sort`
# process with 1,000 names. The C locale compares bytes, and UTF-8's byte order is code-point
# order. Through env: fish before 3.1 has no VAR=value prefix.
function _vew_sort
    command env LC_ALL=C sort
end

function lsvirtualenv -d 'List virtual environments (vew)'
    if test (count $argv) -eq 1; and test "$argv[1]" = -b
        _vew_ensure_home; or return 1
        _vew_list
        return 0
    end
    _vew_call lsvirtualenv $argv
end

# Every other command runs in the core; `vew init` writes one function per command here.
__VEW_CORE_COMMANDS__

# `vew` itself (doctor, pythons, run ...): the installation this shim came from, whatever PATH
# holds or which environment is active.
function vew
    _vew_core $argv
end

# --- completion -----------------------------------------------------------------------------
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

# Auto-activation, opt-in with VEW_AUTO_ACTIVATE=1: runs on every change of directory (cd,
# pushd, popd, prevd, nextd: fish sets PWD), as zsh's chpwd does, in scripts and functions too.
# Costs two string comparisons when the directory did not change and starts no process.
# Entering a directory (or a subdirectory of one) that holds a .venv file naming an
# environment, or that is an environment's project, activates it; leaving deactivates it if it
# was auto-activated. A hook that changes directory during a check is not checked (fish would
# run this handler again, inside itself). Its state: the globals _VEW_AUTO_PWD, the directory
# last checked, and _VEW_AUTO_ENV, the environment it activated.
function _vew_auto --on-variable PWD
    test "$VEW_AUTO_ACTIVATE" = 1; and test "$PWD" != "$_VEW_AUTO_PWD"; and not set -q _vew_auto_busy
    or return 0
    set -g _VEW_AUTO_PWD $PWD
    # PWD and every directory above it, nearest first. Command substitutions and long argument
    # lists cost fish far more than its other builtins: a constant number of the first and
    # short lists only, whatever the depth and the number of projects.
    set -l _vew_dirs /
    set -l _vew_dir ''
    for _vew_part in (string split -n / -- "$PWD")
        set _vew_dir "$_vew_dir/$_vew_part"
        set -p _vew_dirs "$_vew_dir"
    end
    # The index lines whose project is one of those directories ("project<TAB>env"), found in
    # one pass with one regular expression that lists them all.
    set -l _vew_found
    set -l _vew_projects
    # No index yet (auto-activation was switched on after the core last ran): the core writes
    # it, once; from then on it keeps it up to date.
    set -l _vew_index_file "$WORKON_HOME/"__VEW_FILE_PROJECTS_INDEX__
    test -f "$_vew_index_file"
    or _vew_core __index "$WORKON_HOME" "$VIRTUALENVWRAPPER_PROJECT_FILENAME" 2>/dev/null
    if test -s "$_vew_index_file"
        set -l _vew_pattern '(?!)'
        for _vew_literal in (string replace -ra -- '[][\\\\^$.|?*+(){}]' '\\\\$0' $_vew_dirs)
            set _vew_pattern "$_vew_pattern|$_vew_literal"
        end
        set _vew_found (string match -r -- "^(?:$_vew_pattern)\t.*" <"$_vew_index_file")
        and set _vew_projects (string replace -r '\t.*' '' -- $_vew_found)
    end
    set -l _vew_target ''
    for _vew_dir in $_vew_dirs
        if test -f "$_vew_dir/.venv"; and not test -L "$_vew_dir/.venv"
            read _vew_target <"$_vew_dir/.venv"
        else if contains -- "$_vew_dir" $_vew_projects
            set -l _vew_line $_vew_found[(contains -i -- "$_vew_dir" $_vew_projects)]
            set _vew_target (string replace -r '^[^\t]*\t' '' -- "$_vew_line")
        end
        test -z "$_vew_target"; or break
    end
    if string match -q -r -- '\p{Cc}' "$_vew_target"
        # A .venv file comes with a repository: what it says is shown with its control
        # characters (terminal escapes) made harmless, and cut short.
        set -l _vew_shown (string sub -l 100 -- "$_vew_target" | string replace -ra -- '\p{Cc}' '?')
        _vew_error (string replace -ra -- '\p{Cc}' '?' "$_vew_dir")"/.venv names no environment: '$_vew_shown'"
        return 0
    end
    set -g _vew_auto_busy 1
    if test -n "$_vew_target"
        # The same directory, however reached (a symlinked WORKON_HOME): nothing to do.
        if not test -n "$VIRTUAL_ENV" -a "$VIRTUAL_ENV" -ef "$WORKON_HOME/$_vew_target"
            and begin
                test -z "$VIRTUAL_ENV"; or test "$VIRTUAL_ENV" = "$_VEW_AUTO_ENV"
            end
            _vew_workon "$_vew_target" 0; and set -g _VEW_AUTO_ENV "$VIRTUAL_ENV"
        end
    else if test -n "$_VEW_AUTO_ENV"; and test "$VIRTUAL_ENV" = "$_VEW_AUTO_ENV"
        _vew_deactivate
        set -e -g _VEW_AUTO_ENV
    end
    set -e -g _vew_auto_busy
    return 0
end

# The check runs on every change of PWD; here at once, for the directory fish starts in.
function _vew_auto_setup
    _vew_auto
end

function _vew_load
    functions -e _vew_load
    # The configuration file's values, rendered by `vew init` ('' where the file is silent):
    # defaults that the environment overrides.
    set -l _vew_file_home __VEW_CONFIG_WORKON_HOME__
    test -n "$WORKON_HOME"; or set -g WORKON_HOME "$_vew_file_home"
    # Common spellings are handled here; anything needing expansion asks the core, once.
    set -gx WORKON_HOME "$WORKON_HOME"
    switch "$WORKON_HOME"
        case ''
            set -gx WORKON_HOME "$HOME/.virtualenvs"
        case '*$*' '*~*' '*/.' '*/./*' '*/..' '*/../*' '*//*'
            set -l _vew_home (_vew_core __home); or return 1
            set -gx WORKON_HOME "$_vew_home"
        case /
        case '/*'
            set -gx WORKON_HOME (string replace -r '/$' '' -- "$WORKON_HOME")
        case '*'
            set -l _vew_home (_vew_core __home); or return 1
            set -gx WORKON_HOME "$_vew_home"
    end
    # Each other setting: the environment's value, else the file's, else its default
    # (vew.settings.SHIM_SETTINGS).
    __VEW_SETTINGS__
    # fish has no $OSTYPE; Windows (MSYS2, Cygwin) passes OS=Windows_NT to every process.
    if test "$OS" = Windows_NT
        set -g VIRTUALENVWRAPPER_ENV_BIN_DIR Scripts
    else
        set -g VIRTUALENVWRAPPER_ENV_BIN_DIR bin
    end
    set -gx VIRTUALENVWRAPPER_SCRIPT __VEW_SCRIPT__
    # The interpreter vew's core runs on, for scripts written for virtualenvwrapper that use it.
    test -n "$VIRTUALENVWRAPPER_PYTHON"; or set -gx VIRTUALENVWRAPPER_PYTHON __VEW_PYTHON__
    if not test -d "$WORKON_HOME"; and not command mkdir -p -- "$WORKON_HOME"
        _vew_error "cannot create WORKON_HOME $WORKON_HOME"
        return 1
    end
    if not test -d "$VIRTUALENVWRAPPER_HOOK_DIR"; and not command mkdir -p -- "$VIRTUALENVWRAPPER_HOOK_DIR"
        _vew_error "cannot create VIRTUALENVWRAPPER_HOOK_DIR $VIRTUALENVWRAPPER_HOOK_DIR"
        return 1
    end
    __VEW_INITIALIZE_STEPS__
    _vew_complete_setup
    _vew_auto_setup
    return 0
end

_vew_load
