# vew: the core of the PowerShell shim (PowerShell 7.4 or later).
#
# `vew init powershell` renders the files the dialect lists (vew.shells.powershell), in this
# order: this file, completion.ps1, auto.ps1 and load.ps1, which loads vew once every function
# is defined. Every __VEW_*__ word is a placeholder the core fills in (the steps of workon and
# deactivate come from the core, so their order lives in one place for every shell). Loading
# the result starts no process.
#
# Every function is global, so that activation and sourced hooks reach the user's session;
# internal variables are function locals. Cmdlets are called by their module-qualified names,
# so that a user's alias or function of the same name changes nothing.
#
# A command's status is $LASTEXITCODE, as for a program: PowerShell lets only advanced
# functions fail through $?, and those would take -i, -p, -d ... for their own common
# parameters instead of handing them to vew.

# The text of a command that runs ARGS[0] with the other ARGS as its arguments, each exactly as
# given, for `. ([scriptblock]::Create(...))`. A plain `& $program @args` would not do: PowerShell
# 7 globs, on Linux and macOS, every argument of a program that is not a quoted literal (splatted
# ones included) and expands a leading ~, and it takes an argument --%, quoted or not, for its
# stop-parsing token. Here every word is a verbatim string, and --% an array of one, which
# PowerShell hands on untouched.
function global:_vew_command_line {
    $_vew_line = '&'
    foreach ($_vew_word in $args) {
        $_vew_word = "'" + [Management.Automation.Language.CodeGeneration]::EscapeSingleQuotedStringContent([string] $_vew_word) + "'"
        if ($_vew_word -ceq "'--%'") { $_vew_word = "(, $_vew_word)" }
        $_vew_line += ' ' + $_vew_word
    }
    $_vew_line
}

function global:_vew_core {
    # Arguments reach the core exactly as given, empty ones and embedded quotes included.
    $PSNativeCommandArgumentPassing = 'Standard'
    . ([scriptblock]::Create((_vew_command_line __VEW_CORE__ @args)))
}

function global:_vew_error {
    [Console]::Error.WriteLine('ERROR: ' + [string] $args[0])
    $global:LASTEXITCODE = 0
}

function global:_vew_warning {
    [Console]::Error.WriteLine('WARNING: ' + [string] $args[0])
}

function global:_vew_status {
    $global:LASTEXITCODE = [int] $args[0]
}

# A path made whole from PowerShell's current location (not the process's), for .NET calls.
# Files are looked at through .NET, not through PowerShell's own path functions and cmdlets:
# those read a backslash as a directory separator on every system, so that on Linux and macOS
# they miss a file whose path holds one.
function global:_vew_full_path {
    [IO.Path]::GetFullPath([string] $args[0],
        $ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath)
}

# _vew_settle STATUS: after a program that ended with STATUS. 130 is how Ctrl-C ends one, and
# then PowerShell stops the whole command line, from another thread, a moment later: waiting
# for that here makes it stop at this point, not halfway through what comes next (activating
# or deactivating an environment).
function global:_vew_settle {
    if ([int] $args[0] -eq 130) { Microsoft.PowerShell.Utility\Start-Sleep -Milliseconds 500 }
}

function global:_vew_is_windows {
    [IO.Path]::DirectorySeparatorChar -eq [char] '\'
}

# Commands that are not on the hot path run in the core, which writes what the shell itself
# must do (activate, cd, source hooks) to a file that is dot-sourced here.
function global:_vew_call {
    __VEW_PROLOGUE__
    $_vew_dir = $env:VIRTUALENVWRAPPER_TMPDIR
    if (-not $_vew_dir) { $_vew_dir = $env:TMPDIR }
    if (-not $_vew_dir) { $_vew_dir = [IO.Path]::GetTempPath() }
    # Only a .ps1 file can be dot-sourced; a random name needs no lock.
    $_vew_emit = [IO.Path]::Combine((_vew_full_path $_vew_dir),
        'vew.' + [guid]::NewGuid().ToString('N') + '.ps1')
    try {
        [IO.File]::Open($_vew_emit, [IO.FileMode]::CreateNew).Dispose()
    } catch {
        _vew_error 'cannot create a temporary file'
        _vew_status 1
        return
    }
    # The core finds the shell's working directory in PWD, which PowerShell does not keep.
    $_vew_pwd = $env:PWD
    $_vew_pwd_changed = $true
    # Ctrl-C stops the whole command line, once the core (which gets it too) has undone its
    # work and exited, or in the middle of a hook: PWD comes back and the file goes all the same.
    try {
        $env:PWD = $ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath
        # Stays so if the core cannot be started at all.
        $global:LASTEXITCODE = 127
        _vew_core __call __VEW_SHELL__ $_vew_emit @args
        $_vew_status = $LASTEXITCODE
        _vew_settle $_vew_status
        $env:PWD = $_vew_pwd
        $_vew_pwd_changed = $false
        $_vew_emit_status = 0
        if ([IO.FileInfo]::new($_vew_emit).Length -gt 0) {
            $global:LASTEXITCODE = 0
            . (_vew_sourceable $_vew_emit)
            $_vew_emit_status = $LASTEXITCODE
        }
    } finally {
        if ($_vew_pwd_changed) { $env:PWD = $_vew_pwd }
        try { [IO.File]::Delete($_vew_emit) } catch { }
    }
    if ($_vew_status -eq 0) { $_vew_status = $_vew_emit_status }
    _vew_status $_vew_status
}

# True (as output) when $WORKON_HOME is a directory, after creating it with a note if need be.
function global:_vew_ensure_home {
    if ([IO.Directory]::Exists($env:WORKON_HOME)) { return $true }
    $_vew_note = __VEW_MESSAGE_NO_WORKON_HOME__
    [Console]::Error.WriteLine($_vew_note)
    try {
        $null = [IO.Directory]::CreateDirectory($env:WORKON_HOME)
    } catch {
        _vew_error "cannot create $env:WORKON_HOME"
        return $false
    }
    return $true
}

# True when a hook file holds nothing but comments and blank lines: running it would do
# nothing, so the hot path skips the process it would cost (vew's own stubs look like this).
function global:_vew_is_stub {
    if (-not (_vew_is_regular (_vew_full_path $args[0]))) { return $false }
    try {
        $_vew_lines = [IO.File]::ReadAllLines((_vew_full_path $args[0]))
    } catch {
        return $false
    }
    foreach ($_vew_line in $_vew_lines) {
        if ($_vew_line -ne '' -and -not $_vew_line.StartsWith('#', [StringComparison]::Ordinal)) {
            return $false
        }
    }
    return $true
}

# A bash or zsh user's sh hook means nothing to PowerShell: say once per session that it was
# left alone, unless it is an empty stub.
function global:_vew_note_sh_hook {
    $_vew_hook = [string] $args[0]
    if ($global:_vew_sh_hook_noted) { return }
    if (-not [IO.File]::Exists((_vew_full_path $_vew_hook))) { return }
    if (_vew_is_stub $_vew_hook) { return }
    $global:_vew_sh_hook_noted = $true
    [Console]::Error.WriteLine("NOTE: $_vew_hook is a hook for bash and zsh; PowerShell sources " +
        "$_vew_hook.ps1 instead (this note is shown once per session)")
}

# _vew_source_code CODE ORIGIN [SUBSHELL]: the sh code a virtualenvwrapper plugin returned (ORIGIN
# says which) means nothing to PowerShell: say once per session that it was left out.
function global:_vew_source_code {
    if (-not $global:_vew_plugin_code_noted) {
        $global:_vew_plugin_code_noted = $true
        [Console]::Error.WriteLine("NOTE: $($args[1]) returned shell code for bash and zsh, " +
            'which PowerShell does not run (this note is shown once per session)')
    }
    _vew_status 0
}

# _vew_sourceable PATH: what the dot operator runs for the script at PATH, its path as a
# rule. On Linux and macOS PowerShell reads a backslash in that path as a separator, misses the
# file, and then takes the path for a wildcard pattern, on which a [ * or ? makes it fail: such
# a script is run from its text ($PSScriptRoot is then empty).
function global:_vew_sourceable {
    $_vew_path = [string] $args[0]
    if (-not (_vew_is_windows) -and $_vew_path.Contains('\') -and
            $_vew_path.IndexOfAny([char[]] '*?[') -ge 0) {
        return [scriptblock]::Create([IO.File]::ReadAllText($_vew_path))
    }
    $_vew_path
}

# _vew_source_hook DIR NAME: dot-source DIR/NAME.ps1, with no arguments. What it does to $env:,
# the location and anything it declares global (as activate scripts do) stays in the session.
function global:_vew_source_hook {
    if (-not $args[0]) { _vew_status 0; return }
    # A whole path: a relative one would be taken for a command name by the dot operator.
    $_vew_hook = _vew_full_path ([IO.Path]::Combine([string] $args[0], [string] $args[1] + '.ps1'))
    if (-not [IO.File]::Exists($_vew_hook)) {
        _vew_note_sh_hook ([IO.Path]::Combine([string] $args[0], [string] $args[1]))
        _vew_status 0
        return
    }
    if (-not (_vew_trusted $_vew_hook 'sourced')) { _vew_status 0; return }
    $_vew_hook_status = 0
    $global:LASTEXITCODE = 0
    try {
        . (_vew_sourceable $_vew_hook)
        $_vew_hook_ok = $?
        $_vew_hook_status = $global:LASTEXITCODE
        _vew_settle $_vew_hook_status
        if ($_vew_hook_status -eq 0 -and -not $_vew_hook_ok) { $_vew_hook_status = 1 }
    } catch {
        _vew_error "hook $_vew_hook failed: $($_.Exception.Message)"
    }
    if ($_vew_hook_status -ne 0) {
        _vew_error __VEW_MESSAGE_HOOK_FAILED__
    }
    _vew_status 0
}

# _vew_trusted FILE ACTION: true when the hook FILE may be ACTION ("sourced" or "run"); else
# one line on stderr says why and how to fix it (the rule of src/vew/trust.py). Owners and
# modes are read in this process (UnixStat); Windows has neither.
function global:_vew_trusted {
    if (_vew_is_windows) { return $true }
    $_vew_file = [string] $args[0]
    $_vew_dir = [IO.Path]::GetDirectoryName($_vew_file)
    $_vew_me = [Environment]::UserName
    $_vew_item = _vew_item $_vew_file
    if ($_vew_item -and $_vew_item.LinkTarget) {
        $_vew_item = _vew_item $_vew_item.ResolvedTarget.FullName
    }
    $_vew_folder = _vew_item $_vew_dir
    # A linked directory (a symlinked WORKON_HOME): its target's owner and modes count.
    if ($_vew_folder -and $_vew_folder.LinkTarget) {
        $_vew_folder = _vew_item $_vew_folder.ResolvedTarget.FullName
    }
    if ($_vew_item -and $_vew_folder) {
        $_vew_facts = @(
            ($_vew_item.UnixStat.UserId -ne 0 -and $_vew_item.User -cne $_vew_me),
            [bool] ($_vew_item.UnixStat.Mode -band 2),
            ($_vew_folder.UnixStat.UserId -ne 0 -and $_vew_folder.User -cne $_vew_me),
            (($_vew_folder.UnixStat.Mode -band 2) -and -not $_vew_folder.UnixStat.IsSticky))
    } else {
        $_vew_facts = _vew_trust_facts_by_find $_vew_file $_vew_dir $_vew_me
    }
    $_vew_hook = $_vew_file
    $_vew_action = [string] $args[1]
    if ($_vew_facts[0]) {
        _vew_error __VEW_MESSAGE_HOOK_NOT_YOURS__
    } elseif ($_vew_facts[1]) {
        $_vew_hook_word = _vew_shell_word $_vew_file
        _vew_error __VEW_MESSAGE_HOOK_WRITABLE__
    } elseif ($_vew_facts[2]) {
        _vew_error __VEW_MESSAGE_HOOK_DIR_NOT_YOURS__
    } elseif ($_vew_facts[3]) {
        $_vew_dir_word = _vew_shell_word $_vew_dir
        _vew_error __VEW_MESSAGE_HOOK_DIR_WRITABLE__
    } else {
        return $true
    }
    return $false
}

# _vew_trust_facts_by_find FILE DIR ME: _vew_trusted's four facts (FILE not ME's, FILE writable
# by others, DIR not ME's, DIR writable by others without the sticky bit), for a hook whose own
# item PowerShell's provider cannot hand over.
function global:_vew_trust_facts_by_find {
    $_vew_file, $_vew_dir, $_vew_me = $args
    _vew_find_prints $_vew_file '!' '-user' '0' '!' '-user' $_vew_me
    _vew_find_prints $_vew_file '-perm' '-0002'
    _vew_find_prints $_vew_dir '!' '-user' '0' '!' '-user' $_vew_me
    _vew_find_prints $_vew_dir '-perm' '-0002' '!' '-perm' '-1000'
}

# _vew_find_prints PATH TEST...: whether `find -L PATH -prune TEST... -print` prints PATH. Where
# PowerShell's provider cannot hand over a file's item (a backslash, or a name it takes for a
# pattern, on the way; see _vew_item), this is how vew learns the file's type, owner and modes,
# as the bash and fish shims do: a program, started only then. No find answers no.
function global:_vew_find_prints {
    $PSNativeCommandArgumentPassing = 'Standard'
    $_vew_find = Microsoft.PowerShell.Core\Get-Command -Name find -CommandType Application -TotalCount 1 -ErrorAction Ignore
    if (-not $_vew_find) { return $false }
    $_vew_words = @($_vew_find.Source, '-L', (_vew_full_path $args[0]), '-prune') +
        @($args | Microsoft.PowerShell.Utility\Select-Object -Skip 1) + '-print'
    [bool] (. ([scriptblock]::Create((_vew_command_line @_vew_words))) 2>$null)
}

# A path as one word of a command line to type: bare when nothing in it needs quoting.
function global:_vew_shell_word {
    $_vew_word = [string] $args[0]
    if ($_vew_word -cmatch '^[A-Za-z0-9@%+=:,./_-]+$') { return $_vew_word }
    return "'" + $_vew_word.Replace("'", "''") + "'"
}

# The command line (one word per output line) that runs the run hook DIR/NAME, if any.
# Elsewhere it is DIR/NAME itself, which must be executable. Windows runs no shebang script:
# there it is the first of NAME.exe, NAME.cmd, NAME.bat, NAME.ps1 found (vew.hooks does the
# same), and an extensionless NAME, vew's own stubs among them, is not run.
function global:_vew_hook_command {
    $_vew_hook = _vew_full_path $args[0]
    if (_vew_is_windows) {
        foreach ($_vew_suffix in '.exe', '.cmd', '.bat', '.ps1') {
            $_vew_program = $_vew_hook + $_vew_suffix
            if (-not [IO.File]::Exists($_vew_program)) { continue }
            if ($_vew_suffix -eq '.exe') {
                $_vew_program
            } elseif ($_vew_suffix -eq '.ps1') {
                # This PowerShell again; installed as a .NET tool, it is `dotnet pwsh.dll`.
                [Environment]::ProcessPath
                if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
                    [Reflection.Assembly]::GetEntryAssembly().Location
                }
                '-NoProfile'
                '-NonInteractive'
                '-File'
                $_vew_program
            } else {
                if ($env:ComSpec) { $env:ComSpec } else { 'cmd.exe' }
                '/d'
                '/c'
                $_vew_program
            }
            return
        }
        if ([IO.File]::Exists($_vew_hook) -and -not (_vew_is_stub $_vew_hook)) {
            _vew_error ("hook $_vew_hook cannot run on Windows; not run " +
                '(give it a .exe, .cmd, .bat or .ps1 twin)')
        }
        return
    }
    if (-not [IO.File]::Exists($_vew_hook)) { return }
    # UserExecute, GroupExecute or OtherExecute.
    if (([int] [IO.File]::GetUnixFileMode($_vew_hook) -band 73) -eq 0) {
        _vew_error __VEW_MESSAGE_HOOK_NOT_EXECUTABLE__
        return
    }
    if (_vew_is_stub $_vew_hook) { return }
    $_vew_hook
}

# _vew_run_hook DIR NAME ARGS...: run DIR/NAME as a program, in $WORKON_HOME.
function global:_vew_run_hook {
    if (-not $args[0]) { _vew_status 0; return }
    $_vew_hook = [IO.Path]::Combine([string] $args[0], [string] $args[1])
    if ([IO.File]::Exists($_vew_hook) -and -not (_vew_trusted $_vew_hook 'run')) {
        _vew_status 0
        return
    }
    $_vew_command = @(_vew_hook_command $_vew_hook)
    if ($_vew_command.Count -eq 0) { _vew_status 0; return }
    # A process of its own, started in $WORKON_HOME without moving the shell's location, with
    # the session's environment and its console.
    $_vew_start = [Diagnostics.ProcessStartInfo]::new([string] $_vew_command[0])
    $_vew_start.UseShellExecute = $false
    $_vew_start.WorkingDirectory = $env:WORKON_HOME
    for ($_vew_index = 1; $_vew_index -lt $_vew_command.Count; $_vew_index++) {
        $_vew_start.ArgumentList.Add([string] $_vew_command[$_vew_index])
    }
    for ($_vew_index = 2; $_vew_index -lt $args.Count; $_vew_index++) {
        $_vew_start.ArgumentList.Add([string] $args[$_vew_index])
    }
    try {
        $_vew_process = [Diagnostics.Process]::Start($_vew_start)
        $_vew_process.WaitForExit()
        $_vew_hook_status = $_vew_process.ExitCode
        _vew_settle $_vew_hook_status
    } catch {
        _vew_error "hook $_vew_hook could not run: $($_.Exception.GetBaseException().Message)"
        _vew_status 1
        return
    }
    if ($_vew_hook_status -ne 0) {
        _vew_error __VEW_MESSAGE_HOOK_FAILED__
    }
    _vew_status $_vew_hook_status
}

# An environment's script directory, as vew.layout finds it: Scripts in a Windows-layout
# environment, bin otherwise.
function global:_vew_bin_dir {
    $_vew_env = [string] $args[0]
    if (-not $_vew_env) { return '' }
    $_vew_scripts = [IO.Path]::Combine($_vew_env, 'Scripts')
    $_vew_bin = [IO.Path]::Combine($_vew_env, 'bin')
    if ([IO.Directory]::Exists($_vew_scripts) -and -not [IO.Directory]::Exists($_vew_bin)) {
        return $_vew_scripts
    }
    return $_vew_bin
}

# The project directory ENV's project file names, or ''.
function global:_vew_read_project {
    if (-not $args[0]) { return '' }
    $_vew_file = [IO.Path]::Combine([string] $args[0], [string] $env:VIRTUALENVWRAPPER_PROJECT_FILENAME)
    if (-not (_vew_is_regular $_vew_file)) { return '' }
    $_vew_lines = [IO.File]::ReadAllLines($_vew_file)
    if ($_vew_lines.Count -eq 0) { return '' }
    # A relative path is relative to the environment, taken once (see posix/core.sh).
    $_vew_line = [string] $_vew_lines[0]
    if ($_vew_line -and -not [IO.Path]::IsPathRooted($_vew_line)) {
        $_vew_line = [IO.Path]::Combine([string] $args[0], $_vew_line)
    }
    return $_vew_line
}

# _vew_auto_hold BUSY: set or clear $global:_vew_auto_busy, which holds auto-activation's
# checks. Cleared, it is no variable at all: a session keeps none of vew's between commands.
function global:_vew_auto_hold {
    if ($args[0]) {
        $global:_vew_auto_busy = $true
    } else {
        Microsoft.PowerShell.Utility\Remove-Variable -Name _vew_auto_busy -Scope Global -ErrorAction SilentlyContinue
    }
}

# _vew_enter DIR: make DIR PowerShell's location, or say in one line why it cannot and stay where
# it was. On Linux and macOS PowerShell reads a backslash in any path as a directory separator;
# it may take a literal path holding * or ? for a sibling a name in it matches as a pattern;
# and it starts every program in its location with the wildcard escapes (`[ `* `` ...) taken
# out, so that in such a directory no program would start. Each of these is refused.
function global:_vew_enter {
    $_vew_dir = [string] $args[0]
    $_vew_wanted = _vew_full_path $_vew_dir
    $_vew_before = $ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath
    try {
        Microsoft.PowerShell.Management\Set-Location -LiteralPath $_vew_dir -ErrorAction Stop
    } catch {
        if ($_vew_dir.Contains('\') -and -not (_vew_is_windows)) {
            _vew_error "PowerShell cannot change to $($_vew_dir): it reads the backslash in it as a directory separator."
        } else {
            _vew_error "cannot change to $($_vew_dir): $($_.Exception.Message)"
        }
        return $false
    }
    $_vew_now = $ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath
    $_vew_programs_in = [Management.Automation.WildcardPattern]::Unescape($_vew_now)
    if (-not (_vew_same_location $_vew_now $_vew_wanted)) {
        $_vew_why = "PowerShell went to $_vew_now instead."
    } elseif ($_vew_programs_in -cne $_vew_now) {
        $_vew_why = "PowerShell would start programs in $_vew_programs_in, reading the backquotes in it as wildcard escapes."
    } else {
        return $true
    }
    Microsoft.PowerShell.Management\Set-Location -LiteralPath $_vew_before
    _vew_error "cannot change to $($_vew_dir): $_vew_why"
    $false
}

# _vew_same_location A B: whether two whole paths are one location as PowerShell spells
# locations: a trailing separator makes no difference, and on Windows neither does case.
function global:_vew_same_location {
    $_vew_separators = [char[]] @([IO.Path]::DirectorySeparatorChar, [IO.Path]::AltDirectorySeparatorChar)
    $_vew_a = ([string] $args[0]).TrimEnd($_vew_separators)
    $_vew_b = ([string] $args[1]).TrimEnd($_vew_separators)
    if (_vew_is_windows) {
        [string]::Equals($_vew_a, $_vew_b, [StringComparison]::OrdinalIgnoreCase)
    } else {
        [string]::Equals($_vew_a, $_vew_b, [StringComparison]::Ordinal)
    }
}

# _vew_item PATH: PowerShell's own item for PATH, which alone tells a file's owner and modes
# (UnixStat), or nothing where its provider cannot hand that over: it reads a backslash as a
# separator, and given a path holding * or ? it may hand back a sibling a name in it matches as
# a pattern, which is not taken.
function global:_vew_item {
    $_vew_path = _vew_full_path $args[0]
    try {
        $_vew_found = Microsoft.PowerShell.Management\Get-Item -LiteralPath $_vew_path -Force -ErrorAction Stop
    } catch {
        return
    }
    if (_vew_same_location $_vew_found.FullName $_vew_path) { $_vew_found }
}

# vew's own changes of location (workon's cd to the project, cdproject ...) are no entering or
# leaving for auto-activation, as zsh's cd -q is not: $global:_vew_auto_busy holds its checks.
function global:_vew_cd {
    $_vew_busy = $global:_vew_auto_busy
    _vew_auto_hold $true
    try {
        $_vew_moved = _vew_enter $args[0]
    } finally {
        _vew_auto_hold $_vew_busy
    }
    if ($_vew_moved) { _vew_status 0 } else { _vew_status 1 }
}

function global:_vew_activate {
    $_vew_bin = _vew_bin_dir $args[0]
    # virtualenv writes activate.ps1, the standard library's venv Activate.ps1.
    $_vew_script = [IO.Path]::Combine($_vew_bin, 'activate.ps1')
    if (-not [IO.File]::Exists($_vew_script)) {
        $_vew_script = [IO.Path]::Combine($_vew_bin, 'Activate.ps1')
    }
    # An activate script that throws (virtualenv's does for a path holding the PATH separator)
    # must not abort the whole command halfway through its hooks.
    try {
        $_vew_source = _vew_sourceable $_vew_script
        # From its text, the script cannot find its environment from its own path: it is told.
        if ($_vew_source -is [scriptblock]) { . $_vew_source -VenvDir $args[0] } else { . $_vew_source }
    } catch {
        _vew_error "cannot activate $($args[0]): $($_.Exception.Message)"
        _vew_status 1
        return
    }
    # Keep the environment's own deactivate under another name: ours runs the hooks around it.
    if (Microsoft.PowerShell.Management\Test-Path -Path Function:\deactivate) {
        Microsoft.PowerShell.Management\Set-Item -Path Function:global:_vew_env_own_deactivate -Value ${function:deactivate}
    } else {
        Microsoft.PowerShell.Management\Set-Item -Path Function:global:_vew_env_own_deactivate -Value { return }
    }
    Microsoft.PowerShell.Management\Set-Item -Path Function:global:deactivate -Value { _vew_deactivate @args }
    _vew_status 0
}

function global:_vew_project_cd {
    $env:VIRTUALENVWRAPPER_PROJECT_CD = [string] $args[1]
    if ([string] $args[1] -ceq '1' -and $args[0] -and [IO.Directory]::Exists((_vew_full_path $args[0]))) {
        _vew_cd $args[0]
    }
    _vew_status 0
}

function global:_vew_finish_activate {
    Microsoft.PowerShell.Management\Remove-Item -Path Env:VIRTUALENVWRAPPER_PROJECT_CD -ErrorAction SilentlyContinue
    if ([string] $args[1] -ceq '1' -and $args[0] -and -not [IO.Directory]::Exists((_vew_full_path $args[0]))) {
        $_vew_project = $args[0]
        _vew_error __VEW_MESSAGE_PROJECT_MISSING__
        _vew_status 1
        return
    }
    _vew_status 0
}

function global:_vew_env_deactivate {
    if (Microsoft.PowerShell.Management\Test-Path -Path Function:\_vew_env_own_deactivate) {
        if ([string] $args[1] -ceq 'nondestructive') {
            _vew_env_own_deactivate -NonDestructive
        } else {
            _vew_env_own_deactivate
        }
    }
    $env:VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV = [string] $args[0]
    $env:VIRTUALENVWRAPPER_LAST_VIRTUALENV = [string] $args[0]
    _vew_status 0
}

function global:_vew_finish_deactivate {
    Microsoft.PowerShell.Management\Remove-Item -Path 'Env:VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV', 'Env:VIRTUALENVWRAPPER_LAST_VIRTUALENV' -ErrorAction SilentlyContinue
    if ([string] $args[1] -ceq 'nondestructive') { _vew_status 0; return }
    Microsoft.PowerShell.Management\Remove-Item -Path 'Function:\deactivate', 'Function:\_vew_env_own_deactivate' -ErrorAction SilentlyContinue
    $_vew_env = [string] $args[0]
    if ($_vew_env -and [IO.File]::Exists([IO.Path]::Combine($_vew_env, (__VEW_FILE_TMPENV__)))) {
        $_vew_name = [IO.Path]::GetFileName($_vew_env)
        __VEW_MESSAGE_REMOVING_TMPENV__
        _vew_call 'rmvirtualenv' $_vew_name
    }
    _vew_status 0
}

# _vew_echo TEXT: one line of output the user asked for, in order with what hooks print.
function global:_vew_echo {
    [string] $args[0]
    _vew_status 0
}

# _vew_run_in ENV PATH PROMPT COMMAND ARGS...: COMMAND (a program, or a function or cmdlet of
# this session) with the variables the core computed for "inside ENV" (the same as `vew run`
# gives a program), without hooks, with ENV as the location. PowerShell has no subshell, so the
# variables and the location are put back afterwards. Returns COMMAND's status.
function global:_vew_run_in {
    $_vew_env = [string] $args[0]
    $_vew_command = [string] $args[3]
    $_vew_arguments = @()
    for ($_vew_index = 4; $_vew_index -lt $args.Count; $_vew_index++) {
        $_vew_arguments += , [string] $args[$_vew_index]
    }
    $PSNativeCommandArgumentPassing = 'Standard'
    $_vew_names = 'VIRTUAL_ENV', 'PATH', 'VIRTUAL_ENV_PROMPT', 'PYTHONHOME'
    $_vew_saved = @{}
    foreach ($_vew_name in $_vew_names) {
        $_vew_saved[$_vew_name] = [Environment]::GetEnvironmentVariable($_vew_name)
    }
    $_vew_saved_location = Microsoft.PowerShell.Management\Get-Location
    $_vew_status = 0
    # COMMAND runs as if inside ENV, not there: no auto-activation check meanwhile.
    $_vew_busy = $global:_vew_auto_busy
    _vew_auto_hold $true
    try {
        [Environment]::SetEnvironmentVariable('VIRTUAL_ENV', $_vew_env)
        [Environment]::SetEnvironmentVariable('PATH', [string] $args[1])
        [Environment]::SetEnvironmentVariable('VIRTUAL_ENV_PROMPT', [string] $args[2])
        [Environment]::SetEnvironmentVariable('PYTHONHOME', $null)
        $_vew_entered = _vew_enter $_vew_env
        if (-not $_vew_entered) {
            $_vew_status = 1
        } else {
            $global:LASTEXITCODE = 0
            # $? inside the script block: outside it, it tells only that the block ran.
            . ([scriptblock]::Create((_vew_command_line $_vew_command @_vew_arguments) + "`n" +
                '$_vew_ok = $?'))
            $_vew_status = $global:LASTEXITCODE
            _vew_settle $_vew_status
            if ($_vew_status -eq 0 -and -not $_vew_ok) { $_vew_status = 1 }
        }
    } catch {
        _vew_error "$_vew_command in $($_vew_env): $($_.Exception.Message)"
        $_vew_status = 1
    } finally {
        foreach ($_vew_name in $_vew_names) {
            [Environment]::SetEnvironmentVariable($_vew_name, $_vew_saved[$_vew_name])
        }
        Microsoft.PowerShell.Management\Set-Location -LiteralPath $_vew_saved_location.ProviderPath
        _vew_auto_hold $_vew_busy
    }
    _vew_status $_vew_status
}

# True (as output) when something is at PATH, a dangling link included.
function global:_vew_lexists {
    $_vew_path = [string] $args[0]
    [IO.File]::Exists($_vew_path) -or [IO.Directory]::Exists($_vew_path) -or
        $null -ne [IO.FileInfo]::new($_vew_path).LinkTarget
}

# True (as output) when PATH names a file or directory once links are followed: .NET's
# File.Exists takes a dangling link for a file.
function global:_vew_exists {
    $_vew_item = [IO.FileInfo]::new([string] $args[0])
    if ($null -ne $_vew_item.LinkTarget) {
        try {
            $_vew_item = $_vew_item.ResolveLinkTarget($true)
        } catch {
            return $false  # a loop of links
        }
    }
    [IO.File]::Exists($_vew_item.FullName) -or [IO.Directory]::Exists($_vew_item.FullName)
}

# workon's checks (vew.steps.WORKON_CHECKS): each outputs true when its problem is there.
function global:_vew_missing {
    -not $args[0] -or -not (_vew_lexists $args[0])
}

function global:_vew_dangling {
    -not (_vew_exists $args[0])
}

function global:_vew_not_directory {
    -not [IO.Directory]::Exists([string] $args[0])
}

function global:_vew_incomplete {
    _vew_lexists ([IO.Path]::Combine([string] $args[0], (__VEW_FILE_INCOMPLETE__)))
}

function global:_vew_no_activate_script {
    -not [IO.File]::Exists([IO.Path]::Combine([string] $args[0], 'activate.ps1')) -and
        -not [IO.File]::Exists([IO.Path]::Combine([string] $args[0], 'Activate.ps1'))
}

function global:_vew_interpreter_dangling {
    (_vew_interpreter_missing $args[0]) -and (_vew_lexists $args[0])
}

function global:_vew_interpreter_missing {
    -not (_vew_exists $args[0]) -and -not (_vew_exists ([string] $args[0] + '.exe'))
}

# A FIFO or another special file, which python and activate.ps1 would block reading.
function global:_vew_pyvenv_cfg_not_regular {
    $_vew_cfg = [IO.Path]::Combine([string] $args[0], 'pyvenv.cfg')
    (_vew_exists $_vew_cfg) -and -not [IO.Directory]::Exists($_vew_cfg) -and
        -not (_vew_is_regular $_vew_cfg)
}

function global:_vew_no_pyvenv_cfg {
    $_vew_cfg = [IO.Path]::Combine([string] $args[0], 'pyvenv.cfg')
    -not [IO.File]::Exists($_vew_cfg) -or -not (_vew_exists $_vew_cfg)
}

# True (as output) when PATH is a regular file, or a link to one: reading anything else (a
# FIFO in a repository, say) could block the shell for good. .NET's File.Exists takes a FIFO for
# a file; the item's Unix status tells. Windows has no such files.
function global:_vew_is_regular {
    $_vew_item = [IO.FileInfo]::new([string] $args[0])
    if (-not $_vew_item.Exists) { return $false }
    if (_vew_is_windows) { return $true }
    try {
        if ($null -ne $_vew_item.LinkTarget) { $_vew_item = $_vew_item.ResolveLinkTarget($true) }
    } catch {
        return $false  # a loop of links
    }
    $_vew_found = _vew_item $_vew_item.FullName
    if (-not $_vew_found) { return _vew_find_prints $_vew_item.FullName '-type' 'f' }
    [string] $_vew_found.UnixStat.ItemType -ceq 'File'
}

# _vew_workon NAME CD: the whole of `workon NAME`, hooks included.
function global:_vew_workon {
    $_vew_name = [string] $args[0]
    $_vew_cd = [string] $args[1]
    $_vew_env = ''
    $_vew_bad_name = $_vew_name -ceq '' -or $_vew_name -ceq '.' -or $_vew_name -ceq '..' -or
        $_vew_name.Contains('/') -or ((_vew_is_windows) -and $_vew_name.Contains('\'))
    if (-not $_vew_bad_name) { $_vew_env = [IO.Path]::Combine($env:WORKON_HOME, $_vew_name) }
    # A repair that was killed keeps the environment aside: the core puts it back first.
    if ($_vew_env -and [IO.Directory]::Exists([IO.Path]::Combine($env:WORKON_HOME, '.' + $_vew_name + (__VEW_FILE_REPAIR_BACKUP__)))) {
        _vew_core __recover
    }
    $_vew_env_bin = _vew_bin_dir $_vew_env
    $_vew_python = [IO.Path]::Combine($_vew_env_bin, 'python')
    # Something is there: say what is wrong with it rather than that it does not exist.
    __VEW_WORKON_CHECKS__
    $_vew_project = [string] (_vew_read_project $_vew_env)
    $_vew_project_hooks = ''
    if ($_vew_project) { $_vew_project_hooks = [IO.Path]::Combine($_vew_project, (__VEW_FILE_PROJECT_HOOKS__)) }
    # The environment is chosen here: auto-activation, which calls this too, marks it as its
    # own again afterwards, and deactivates only what it marked.
    Microsoft.PowerShell.Utility\Remove-Variable -Name _VEW_AUTO_ENV -Scope Global -ErrorAction SilentlyContinue
    # Leave the current environment first, with its hooks, if vew activated it.
    if (Microsoft.PowerShell.Management\Test-Path -Path Function:\_vew_env_own_deactivate) {
        _vew_deactivate
    }
    __VEW_ACTIVATE_STEPS__
}

function global:_vew_deactivate {
    __VEW_PROLOGUE__
    $_vew_mode = [string] $args[0]
    # PowerShell's activate scripts spell it as a switch.
    if ($_vew_mode -eq '-NonDestructive') { $_vew_mode = 'nondestructive' }
    $_vew_env = [string] $env:VIRTUAL_ENV
    $_vew_name = [IO.Path]::GetFileName($_vew_env)
    $_vew_env_bin = _vew_bin_dir $_vew_env
    $_vew_project = [string] (_vew_read_project $_vew_env)
    $_vew_project_hooks = ''
    if ($_vew_project) { $_vew_project_hooks = [IO.Path]::Combine($_vew_project, (__VEW_FILE_PROJECT_HOOKS__)) }
    __VEW_DEACTIVATE_STEPS__
}

function global:workon {
    __VEW_PROLOGUE__
    $_vew_cd = [string] $env:VIRTUALENVWRAPPER_WORKON_CD
    $_vew_name = ''
    foreach ($_vew_arg in $args) {
        $_vew_arg = [string] $_vew_arg
        if (__VEW_FLAGS_HELP__) {
            _vew_call 'workon' '--help'
            return
        } elseif (__VEW_FLAGS_CD__) {
            $_vew_cd = '1'
        } elseif (__VEW_FLAGS_NO_CD__) {
            $_vew_cd = '0'
        } elseif ($_vew_arg.Length -gt 1 -and $_vew_arg.StartsWith('-', [StringComparison]::Ordinal)) {
            _vew_error __VEW_MESSAGE_WORKON_UNKNOWN_OPTION__
            _vew_status 1
            return
        } elseif (-not $_vew_name) {
            $_vew_name = $_vew_arg
        }
    }
    if (-not (_vew_ensure_home)) { _vew_status 1; return }
    if (-not $_vew_name) {
        _vew_list
        _vew_status 1
        return
    }
    if ($_vew_name -ceq '.') {
        $_vew_name = [IO.Path]::GetFileName(
            (Microsoft.PowerShell.Management\Get-Location -PSProvider FileSystem).ProviderPath)
    }
    _vew_workon $_vew_name $_vew_cd
}

# lsvirtualenv -b, in the shell: names in code-point order, no dot names, no unfinished builds.
function global:_vew_list {
    $_vew_names = [Collections.Generic.List[string]]::new()
    $_vew_keys = [Collections.Generic.List[string]]::new()
    foreach ($_vew_path in [IO.Directory]::GetFileSystemEntries($env:WORKON_HOME)) {
        $_vew_name = [IO.Path]::GetFileName($_vew_path)
        if ($_vew_name.StartsWith('.', [StringComparison]::Ordinal)) { continue }
        if (-not [IO.File]::Exists([IO.Path]::Combine((_vew_bin_dir $_vew_path), 'activate'))) { continue }
        if ([IO.File]::Exists([IO.Path]::Combine($_vew_path, (__VEW_FILE_INCOMPLETE__)))) { continue }
        $_vew_names.Add($_vew_name)
        # Ordinal order is UTF-16 order, which puts characters beyond U+FFFF before U+E000;
        # UTF-8 byte order is code-point order, the order of every other shell's listing.
        $_vew_keys.Add([BitConverter]::ToString([Text.Encoding]::UTF8.GetBytes($_vew_name)))
    }
    $_vew_sorted = $_vew_names.ToArray()
    [Array]::Sort($_vew_keys.ToArray(), $_vew_sorted, [StringComparer]::Ordinal)
    $_vew_sorted
}

function global:lsvirtualenv {
    __VEW_PROLOGUE__
    if ($args.Count -eq 1 -and [string] $args[0] -ceq '-b') {
        if (-not (_vew_ensure_home)) { _vew_status 1; return }
        _vew_list
        _vew_status 0
        return
    }
    _vew_call 'lsvirtualenv' @args
}

# Every other command runs in the core; `vew init` writes one function per command here.
__VEW_CORE_COMMANDS__

# `vew` itself (doctor, pythons, run ...): the installation this shim came from, whatever PATH
# holds or which environment is active.
function global:vew {
    _vew_core @args
}
