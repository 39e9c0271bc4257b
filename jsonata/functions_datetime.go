package jsonata

// formattingDefs are the library functions built on the picture-string
// formatting and parsing of format_*.go: $formatNumber, $formatBase,
// $formatInteger, $parseInteger, $now, $fromMillis and $toMillis.
func formattingDefs() []def {
	return nil
}
