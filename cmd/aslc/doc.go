// Aslc compiles Amazon States Language definitions, the JSON (or YAML)
// language of AWS Step Functions, to plain, typed Go.
//
// Usage:
//
//	aslc <command> [arguments]
//
// The commands are:
//
//	check    validate definitions and report every problem
//	help     show help for aslc or one of its commands
//	version  print the aslc version
//
// Exit status is 0 on success, 1 when problems were found, and 2 for a
// usage error (the usage is then printed to stderr).
//
// # Validate definitions
//
// Usage:
//
//	aslc check [--express] DEF...
//
// Check reads each definition and validates it as AWS Step Functions does
// when a state machine is created (CreateStateMachine,
// ValidateStateMachineDefinition). A file ending in .json is read as JSON,
// one ending in .yaml or .yml as YAML; other files are JSON when their
// text starts with '{' or '[', YAML otherwise. YAML definitions are read
// as the JSON they stand for: anchors and aliases are expanded (within a
// bound), unquoted timestamps stay strings, and repeated keys are refused.
//
// Every problem in every file is printed to stderr, sorted by file and
// position, one a line:
//
//	file:line:col: CODE: message at /location
//
// CODE is the diagnostic code AWS uses (SCHEMA_VALIDATION_FAILED,
// INVALID_JSON_DESCRIPTION, MISSING_TRANSITION_TARGET, MISSING_END_STATE,
// DUPLICATE_STATE_NAME, INVALID_JSONATA_EXPRESSION,
// UNSUPPORTED_JSONATA_EXPRESSION, ...), and "message at /location" is the
// text AWS reports for the same problem, with AWS's pointer to the
// offending object (diagnostics AWS gives without a location, such as
// MISSING_END_STATE, have no "at" part). File names are printed as given
// on the command line. For example:
//
//	order.asl.json:12:15: MISSING_TRANSITION_TARGET: Missing 'Next' target: Shipp at /States/Pack/Next
//
// Check prints nothing when every definition is valid. It exits 1 when it
// printed a problem or could not read a file.
//
// The --express flag validates the definitions as EXPRESS state machines,
// which refuse .sync and .waitForTaskToken service integrations and
// activity resources.
//
// # Print the version
//
// Usage:
//
//	aslc version
//
// Version prints "aslc v" followed by the version number.
//
// # Help
//
// Usage:
//
//	aslc help [command]
//
// Help prints the list of commands, or the usage, description and flags of
// one command. "aslc <command> --help" does the same.
package main
