// Package csvfile is the shared reading layer of every importer: it sniffs
// the encoding (UTF-8 with or without BOM, UTF-16 with or without BOM,
// Windows-1252) and the separator (, ; tab), reads records with their line
// numbers (quoted multi-line fields, CRLF, LF or CR), looks columns up by
// header name with aliases, and parses the date formats of the exports
// Keel reads.
//
// Reading streams: memory is a fixed buffer plus the current record, and a
// field is kept to at most MaxField bytes, so a 200 MB export or a file
// with a runaway quoted field does not blow up. Malformed rows (ragged,
// oversized field) come back with Row.Problem set so the pipeline can list
// them with their line; only unreadable input is an error.
//
// Files are laid out as:
//
//	encoding.go   encoding sniffing, binary detection, UTF-8 repair
//	separator.go  separator sniffing
//	reader.go     Open, Next and the record parser
//	header.go     Header and Row
//	time.go       ParseTime
package csvfile
