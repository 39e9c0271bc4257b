// Package version holds the version of aslc, which the CLI prints and the
// header of generated code names.
package version

// Version is the aslc release, in semantic-versioning form without the
// leading "v".
const Version = "0.1.0"
