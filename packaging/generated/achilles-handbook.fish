# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_achilles_handbook_global_optspecs
    string join \n handbook= lang= kiosk idle-timeout= theme= color= background= ascii screen-reader watch h/help V/version
end

function __fish_achilles_handbook_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_achilles_handbook_global_optspecs) -- $cmd 2>/dev/null
    or return 0
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_achilles_handbook_using_subcommand
    set -l cmd (__fish_achilles_handbook_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c achilles-handbook -n "__fish_achilles_handbook_needs_command" -l handbook -d 'Load the handbook from this folder instead of the built-in one' -r -f -a "(__fish_complete_directories)"
complete -c achilles-handbook -n "__fish_achilles_handbook_needs_command" -l lang -d 'Language of the handbook, as a tag such as es, es-MX or es_MX.UTF-8 (en and es are built in). Default: from LC_ALL, LC_MESSAGES or LANG, else the first edition' -r -f
complete -c achilles-handbook -n "__fish_achilles_handbook_needs_command" -l idle-timeout -d 'Start over after this many seconds without input (0: never; at most 86400, a day). Default: 120 in kiosk mode, never otherwise' -r -f
complete -c achilles-handbook -n "__fish_achilles_handbook_needs_command" -l theme -d 'Colours: default (the terminal\'s own), high-contrast, or mono (no colour)' -r -f -a "default\t'The terminal\'s own named colours, chosen for its light or dark background'
high-contrast\t'Explicit black and white with strong accents, every pair at 4.5:1 or more; 16-colour safe (GNU screen, the Linux console)'
mono\t'No colour at all: bold, underline and reverse only'"
complete -c achilles-handbook -n "__fish_achilles_handbook_needs_command" -l color -d 'When to use colour. auto: unless NO_COLOR is set (CLICOLOR_FORCE overrides it)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c achilles-handbook -n "__fish_achilles_handbook_needs_command" -l background -d 'The terminal\'s background, for colours that read on it. Default: asked of the terminal, else from COLORFGBG, else dark' -r -f -a "light\t''
dark\t''"
complete -c achilles-handbook -n "__fish_achilles_handbook_needs_command" -l kiosk -d 'Kiosk mode: no key quits, idle sessions start over, for public terminals'
complete -c achilles-handbook -n "__fish_achilles_handbook_needs_command" -l ascii -d 'Draw only characters the Linux console\'s fonts have: ASCII borders and marks (by itself when TERM is linux or a VT)'
complete -c achilles-handbook -n "__fish_achilles_handbook_needs_command" -l screen-reader -d 'Keep the cursor on the focused item for screen readers and braille displays'
complete -c achilles-handbook -n "__fish_achilles_handbook_needs_command" -l watch -d 'For authors: reload the handbook folder (--handbook) when one of its own files changes: an edition\'s handbook.toml or interface.toml, or a chapter file its manifest names'
complete -c achilles-handbook -n "__fish_achilles_handbook_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c achilles-handbook -n "__fish_achilles_handbook_needs_command" -s V -l version -d 'Print version'
complete -c achilles-handbook -n "__fish_achilles_handbook_needs_command" -f -a "check" -d 'Check a handbook folder: report every problem as file:line:column, with reading grades'
complete -c achilles-handbook -n "__fish_achilles_handbook_needs_command" -f -a "print" -d 'Print the handbook, or one chapter, as plain text'
complete -c achilles-handbook -n "__fish_achilles_handbook_needs_command" -f -a "search" -d 'Search all chapters and print the ranked results as plain text: each result\'s chapter and section, then a snippet. Exits 0 when something matched, 1 when nothing did (like grep)'
complete -c achilles-handbook -n "__fish_achilles_handbook_needs_command" -f -a "man" -d 'Write the man page to standard output'
complete -c achilles-handbook -n "__fish_achilles_handbook_needs_command" -f -a "completions" -d 'Write shell completions to standard output'
complete -c achilles-handbook -n "__fish_achilles_handbook_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand check" -l handbook -d 'Load the handbook from this folder instead of the built-in one' -r -f -a "(__fish_complete_directories)"
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand check" -l lang -d 'Language of the handbook, as a tag such as es, es-MX or es_MX.UTF-8 (en and es are built in). Default: from LC_ALL, LC_MESSAGES or LANG, else the first edition' -r -f
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand check" -l ascii -d 'Draw only characters the Linux console\'s fonts have: ASCII borders and marks (by itself when TERM is linux or a VT)'
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand check" -s h -l help -d 'Print help'
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand print" -l width -d 'Wrap at this many columns, at least 20 (default: the terminal\'s width, else 80)' -r
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand print" -l handbook -d 'Load the handbook from this folder instead of the built-in one' -r -f -a "(__fish_complete_directories)"
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand print" -l lang -d 'Language of the handbook, as a tag such as es, es-MX or es_MX.UTF-8 (en and es are built in). Default: from LC_ALL, LC_MESSAGES or LANG, else the first edition' -r -f
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand print" -l ascii -d 'Draw only characters the Linux console\'s fonts have: ASCII borders and marks (by itself when TERM is linux or a VT)'
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand print" -s h -l help -d 'Print help'
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand search" -l width -d 'Cut snippets to this many columns (default: the terminal\'s width, else 80)' -r
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand search" -l handbook -d 'Load the handbook from this folder instead of the built-in one' -r -f -a "(__fish_complete_directories)"
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand search" -l lang -d 'Language of the handbook, as a tag such as es, es-MX or es_MX.UTF-8 (en and es are built in). Default: from LC_ALL, LC_MESSAGES or LANG, else the first edition' -r -f
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand search" -l ascii -d 'Draw only characters the Linux console\'s fonts have: ASCII borders and marks (by itself when TERM is linux or a VT)'
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand search" -s h -l help -d 'Print help'
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand man" -l handbook -d 'Load the handbook from this folder instead of the built-in one' -r -f -a "(__fish_complete_directories)"
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand man" -l lang -d 'Language of the handbook, as a tag such as es, es-MX or es_MX.UTF-8 (en and es are built in). Default: from LC_ALL, LC_MESSAGES or LANG, else the first edition' -r -f
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand man" -l ascii -d 'Draw only characters the Linux console\'s fonts have: ASCII borders and marks (by itself when TERM is linux or a VT)'
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand man" -s h -l help -d 'Print help'
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand completions" -l handbook -d 'Load the handbook from this folder instead of the built-in one' -r -f -a "(__fish_complete_directories)"
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand completions" -l lang -d 'Language of the handbook, as a tag such as es, es-MX or es_MX.UTF-8 (en and es are built in). Default: from LC_ALL, LC_MESSAGES or LANG, else the first edition' -r -f
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand completions" -l ascii -d 'Draw only characters the Linux console\'s fonts have: ASCII borders and marks (by itself when TERM is linux or a VT)'
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand completions" -s h -l help -d 'Print help'
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand help; and not __fish_seen_subcommand_from check print search man completions help" -f -a "check" -d 'Check a handbook folder: report every problem as file:line:column, with reading grades'
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand help; and not __fish_seen_subcommand_from check print search man completions help" -f -a "print" -d 'Print the handbook, or one chapter, as plain text'
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand help; and not __fish_seen_subcommand_from check print search man completions help" -f -a "search" -d 'Search all chapters and print the ranked results as plain text: each result\'s chapter and section, then a snippet. Exits 0 when something matched, 1 when nothing did (like grep)'
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand help; and not __fish_seen_subcommand_from check print search man completions help" -f -a "man" -d 'Write the man page to standard output'
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand help; and not __fish_seen_subcommand_from check print search man completions help" -f -a "completions" -d 'Write shell completions to standard output'
complete -c achilles-handbook -n "__fish_achilles_handbook_using_subcommand help; and not __fish_seen_subcommand_from check print search man completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
