# vew: tab completion in PowerShell.
#
# Tab completion. The words before the cursor go, without their quotes, to the core, which
# answers one candidate a line: the text to insert (quoted for PowerShell when need be), the
# text to list, and what it is. vew's own command line is described by the spec rendered here,
# so that completing it never loads the core's command-line framework.
function global:_vew_complete {
    __VEW_PROLOGUE__
    $_vew_current = [string] $args[0]
    $_vew_cursor = [int] $args[2]
    $_vew_words = [Collections.Generic.List[string]]::new()
    foreach ($_vew_element in $args[1].CommandElements) {
        if ($_vew_element.Extent.EndOffset -ge $_vew_cursor) { break }
        if ($_vew_element -is [Management.Automation.Language.StringConstantExpressionAst]) {
            $_vew_words.Add($_vew_element.Value)
        } else {
            $_vew_words.Add($_vew_element.Extent.Text)
        }
    }
    if ($_vew_words.Count -eq 0) { return }
    # The word being completed may open a quote: what it holds so far.
    if ($_vew_current -match "^['\u2018-\u201b]") {
        $_vew_current = ($_vew_current.Substring(1) -replace "['\u2018-\u201b]$", '') -replace "(['\u2018-\u201b])['\u2018-\u201b]", '$1'
    } elseif ($_vew_current -match '^["\u201c-\u201e]') {
        $_vew_current = ($_vew_current.Substring(1) -replace '["\u201c-\u201e]$', '') -replace '`(.)', '$1'
    }
    $_vew_spec = @()
    if ([IO.Path]::GetFileNameWithoutExtension($_vew_words[0]) -ceq 'vew') {
        $_vew_spec = @('--spec'; __VEW_COMPLETION_SPEC__)
    }
    $_vew_status = $global:LASTEXITCODE
    $_vew_encoding = [Console]::OutputEncoding
    try {
        [Console]::OutputEncoding = [Text.UTF8Encoding]::new($false)
        $_vew_lines = @(_vew_core __complete words powershell @_vew_spec @_vew_words $_vew_current)
    } finally {
        [Console]::OutputEncoding = $_vew_encoding
        $global:LASTEXITCODE = $_vew_status
    }
    foreach ($_vew_line in $_vew_lines) {
        $_vew_parts = ([string] $_vew_line).Split([char] 9, 3)
        if ($_vew_parts.Count -lt 3) { continue }
        $_vew_type = 'ParameterValue'
        if ($_vew_parts[1].StartsWith('-', [StringComparison]::Ordinal)) { $_vew_type = 'ParameterName' }
        $_vew_tip = $_vew_parts[2]
        if (-not $_vew_tip) { $_vew_tip = $_vew_parts[1] }
        [Management.Automation.CompletionResult]::new($_vew_parts[0], $_vew_parts[1], $_vew_type, $_vew_tip)
    }
}

# The commands are functions without parameters, so theirs is a native completer.
function global:_vew_complete_setup {
    Microsoft.PowerShell.Core\Register-ArgumentCompleter -Native -CommandName @(__VEW_COMPLETION_NAMES__) -ScriptBlock {
        _vew_complete @args
    }
}
