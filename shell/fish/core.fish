# vew: the core of the fish shim.
#
# `vew init fish` renders the files the dialect lists (vew.shells.fish), in this order: this
# file, completion.fish, auto.fish and load.fish, which loads vew once every function is
# defined. Every __VEW_*__ word is a placeholder the core fills in (the steps of workon and
# deactivate come from the core, so their order lives in one place for every shell). Sourcing
# the result starts no process. It mirrors posix/core.sh primitive by primitive.
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
    builtin printf '%s\n' __VEW_MESSAGE_NO_WORKON_HOME__ >&2
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
    set -l _vew_hook "$argv[1]"
    set -l _vew_action "$argv[2]"
    set -l _vew_hook_word (string escape -- "$argv[1]")
    set -l _vew_dir_word (string escape -- "$_vew_dir")
    if set -q _vew_other[1]
        _vew_error __VEW_MESSAGE_HOOK_NOT_YOURS__
    else if set -q _vew_writable[1]
        _vew_error __VEW_MESSAGE_HOOK_WRITABLE__
    else if set -q _vew_dir_other[1]
        _vew_error __VEW_MESSAGE_HOOK_DIR_NOT_YOURS__
    else
        _vew_error __VEW_MESSAGE_HOOK_DIR_WRITABLE__
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
        _vew_error __VEW_MESSAGE_HOOK_FAILED__
    end
    return 0
end

# _vew_run_hook DIR NAME ARGS...: run DIR/NAME as a program, in $WORKON_HOME. The same file
# serves every shell; /bin/sh only changes directory for it, so fish's own stays put.
function _vew_run_hook
    test -n "$argv[1]"; and test -f "$argv[1]/$argv[2]"; or return 0
    set -l _vew_hook "$argv[1]/$argv[2]"
    if not test -x "$_vew_hook"
        _vew_error __VEW_MESSAGE_HOOK_NOT_EXECUTABLE__
        return 0
    end
    _vew_is_stub "$_vew_hook"; and return 0
    _vew_trusted "$_vew_hook" run; or return 0
    command /bin/sh -c 'CDPATH= cd -- "$1" && shift && exec "$@"' vew-hook \
        "$WORKON_HOME" "$_vew_hook" $argv[3..-1]
    set -l _vew_hook_status $status
    if test $_vew_hook_status -ne 0
        _vew_error __VEW_MESSAGE_HOOK_FAILED__
    end
    return $_vew_hook_status
end

# _vew_read_project ENV: print the project directory ENV's project file names, if any.
function _vew_read_project
    set -l _vew_file "$argv[1]/$VIRTUALENVWRAPPER_PROJECT_FILENAME"
    test -f "$_vew_file"; or return 0
    read -l _vew_line <"$_vew_file"
    test -n "$_vew_line"; or return 0
    # A relative path is relative to ENV, taken once (see posix/core.sh).
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
        set -l _vew_project $argv[1]
        _vew_error __VEW_MESSAGE_PROJECT_MISSING__
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
        builtin printf '%s\n' __VEW_MESSAGE_REMOVING_TMPENV__
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

# A FIFO or another special file, which python would block reading (a directory does not).
function _vew_pyvenv_cfg_not_regular
    test -e "$argv[1]/pyvenv.cfg"; and not test -f "$argv[1]/pyvenv.cfg"; and not test -d "$argv[1]/pyvenv.cfg"
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

function workon -d __VEW_SUMMARY_WORKON__
    set -l _vew_cd "$VIRTUALENVWRAPPER_WORKON_CD"
    set -l _vew_name ''
    for _vew_arg in $argv
        switch "$_vew_arg"
            case __VEW_FLAGS_HELP__
                _vew_call workon --help
                return
            case __VEW_FLAGS_CD__
                set _vew_cd 1
            case __VEW_FLAGS_NO_CD__
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

function lsvirtualenv -d __VEW_SUMMARY_LSVIRTUALENV__
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
