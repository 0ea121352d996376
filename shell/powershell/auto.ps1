# vew: auto-activation in PowerShell.
#
# Auto-activation, opt-in with $env:VEW_AUTO_ACTIVATE = '1': called on every change of location
# (see _vew_auto_setup). Costs two string comparisons when the directory did not change and
# starts no process. Entering a directory (or a subdirectory of one) that holds a .venv file
# naming an environment, or that is an environment's project, activates it; leaving
# deactivates it if it was auto-activated. A hook that changes location during a check is not
# checked inside it: the environment being left or entered is then only half done. Its state:
# $global:_VEW_AUTO_PWD, the directory last checked, and $global:_VEW_AUTO_ENV, the
# environment it activated.
function global:_vew_auto {
    __VEW_PROLOGUE__
    if ($env:VEW_AUTO_ACTIVATE -cne '1' -or $global:_vew_auto_busy) { return }
    # The file-system location: a cd into another provider (Env:, HKLM:) leaves it as it was.
    $_vew_dir = $ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath
    if ($_vew_dir -ceq $global:_VEW_AUTO_PWD) { return }
    $global:_VEW_AUTO_PWD = $_vew_dir
    $_vew_target = [string] (_vew_auto_target $_vew_dir)
    if ($_vew_target -match '\p{Cc}') {
        # A .venv file comes with a repository: what it says is shown with its control
        # characters (terminal escapes) made harmless, and cut short.
        $_vew_shown_target = $_vew_target.Substring(0, [Math]::Min(100, $_vew_target.Length)) -replace '\p{Cc}', '?'
        $_vew_shown_dir = $_vew_dir -replace '\p{Cc}', '?'
        _vew_error __VEW_MESSAGE_DOT_VENV_NAMES_NO_ENV__
        return
    }
    $_vew_active = [string] $env:VIRTUAL_ENV
    # A cd is no command: the status the user last saw stays, and so does the output of
    # whatever script changed the location (hooks print to the console).
    $_vew_last_status = $global:LASTEXITCODE
    _vew_auto_hold $true
    try {
        if ($_vew_target) {
            $_vew_env = [IO.Path]::Combine([string] $env:WORKON_HOME, $_vew_target)
            if (_vew_same_path $_vew_active $_vew_env) { return }
            if (-not $_vew_active -or (_vew_same_path $_vew_active $global:_VEW_AUTO_ENV)) {
                _vew_workon $_vew_target '0' | Microsoft.PowerShell.Core\Out-Host
                if ($global:LASTEXITCODE -eq 0) { $global:_VEW_AUTO_ENV = [string] $env:VIRTUAL_ENV }
            }
        } elseif ($global:_VEW_AUTO_ENV -and (_vew_same_path $_vew_active $global:_VEW_AUTO_ENV)) {
            _vew_deactivate | Microsoft.PowerShell.Core\Out-Host
            Microsoft.PowerShell.Utility\Remove-Variable -Name _VEW_AUTO_ENV -Scope Global -ErrorAction SilentlyContinue
        }
    } catch {
        _vew_error "auto-activation in $_vew_dir failed: $($_.Exception.Message)"
    } finally {
        _vew_auto_hold $false
        $global:LASTEXITCODE = $_vew_last_status
    }
}

# The environment DIR works in, or '': the first line of the .venv file (a file, not a directory
# or a link) of DIR or its nearest ancestor holding one, or the environment whose project it
# is, by $WORKON_HOME/.vew-projects ("project<TAB>name" lines, which the core keeps up to
# date), whichever comes first going up. One index file read, whatever the number of projects.
function global:_vew_auto_target {
    $_vew_dir = [string] $args[0]
    $_vew_index = ''
    $_vew_index_file = [IO.Path]::Combine([string] $env:WORKON_HOME, (__VEW_FILE_PROJECTS_INDEX__))
    # No index yet (auto-activation was switched on after the core last ran): the core writes
    # it, once; from then on it keeps it up to date.
    if (-not [IO.File]::Exists($_vew_index_file)) {
        _vew_core __index ([string] $env:WORKON_HOME) ([string] $env:VIRTUALENVWRAPPER_PROJECT_FILENAME) 2>$null
    }
    try {
        if (_vew_is_regular $_vew_index_file) {
            $_vew_index = "`n" + [IO.File]::ReadAllText($_vew_index_file)
        }
    } catch {
        $_vew_index = ''
    }
    # Windows paths ignore case, as its file system does.
    $_vew_compare = [StringComparison]::Ordinal
    if (_vew_is_windows) { $_vew_compare = [StringComparison]::OrdinalIgnoreCase }
    while ($_vew_dir) {
        $_vew_target = ''
        $_vew_link = [IO.FileInfo]::new([IO.Path]::Combine($_vew_dir, '.venv'))
        if ($_vew_link.Exists -and $null -eq $_vew_link.LinkTarget -and
                (_vew_is_regular $_vew_link.FullName)) {
            try {
                $_vew_lines = [IO.File]::ReadAllLines($_vew_link.FullName)
                if ($_vew_lines.Count -gt 0) { $_vew_target = [string] $_vew_lines[0] }
            } catch {
                $_vew_target = ''
            }
        } else {
            $_vew_key = "`n" + $_vew_dir + "`t"
            $_vew_at = $_vew_index.IndexOf($_vew_key, $_vew_compare)
            if ($_vew_at -ge 0) {
                $_vew_start = $_vew_at + $_vew_key.Length
                $_vew_end = $_vew_index.IndexOf("`n", $_vew_start, [StringComparison]::Ordinal)
                if ($_vew_end -lt 0) { $_vew_end = $_vew_index.Length }
                # Python writes the index with \r\n line ends on Windows.
                $_vew_target = $_vew_index.Substring($_vew_start, $_vew_end - $_vew_start).TrimEnd([char] 13)
            }
        }
        if ($_vew_target) { return $_vew_target }
        # Up one directory; the root has no parent.
        $_vew_dir = [IO.Path]::GetDirectoryName($_vew_dir)
    }
    return ''
}

# True (as output) when two paths name the same directory as far as their text tells: on
# Windows, case and the spelling of separators do not count, as for its file system.
function global:_vew_same_path {
    $_vew_a = [string] $args[0]
    $_vew_b = [string] $args[1]
    if (-not $_vew_a -or -not $_vew_b -or $_vew_a -ceq $_vew_b) { return $_vew_a -ceq $_vew_b }
    if (-not (_vew_is_windows)) {
        # The same directory however reached (a symlinked WORKON_HOME): the same inode.
        $_vew_ia = _vew_item $_vew_a
        $_vew_ib = _vew_item $_vew_b
        if (-not $_vew_ia -or -not $_vew_ib) { return $false }
        return $_vew_ia.UnixStat.DeviceId -eq $_vew_ib.UnixStat.DeviceId -and
            $_vew_ia.UnixStat.Inode -eq $_vew_ib.UnixStat.Inode
    }
    try {
        $_vew_a = [IO.Path]::GetFullPath($_vew_a).TrimEnd([char] '\')
        $_vew_b = [IO.Path]::GetFullPath($_vew_b).TrimEnd([char] '\')
    } catch {
        return $false
    }
    return [string]::Equals($_vew_a, $_vew_b, [StringComparison]::OrdinalIgnoreCase)
}

# Auto-activation hangs on PowerShell's LocationChangedAction, which every Set-Location,
# Push-Location and Pop-Location calls once the location has changed. Not on the prompt
# function: prompt themes (starship, oh-my-posh) replace it, and activate.ps1 wraps it, so a
# check there would drop out or show the previous environment in the prompt once. Another
# tool's handler is kept: vew's is added to it, and on loading the shim again replaced, not
# added twice. Checked at once for the directory PowerShell starts in.
function global:_vew_auto_setup {
    $_vew_commands = $ExecutionContext.InvokeCommand
    $_vew_handler = [EventHandler[System.Management.Automation.LocationChangedEventArgs]] {
        _vew_auto
    }
    $_vew_others = [Delegate]::Remove($_vew_commands.LocationChangedAction, $global:_VEW_AUTO_HANDLER)
    $_vew_commands.LocationChangedAction = [Delegate]::Combine($_vew_others, $_vew_handler)
    $global:_VEW_AUTO_HANDLER = $_vew_handler
    _vew_auto
}
