// Package csvfile is the shared reading layer of every importer: it sniffs
// the encoding (UTF-8 with or without BOM, UTF-16, Windows-1252) and the
// separator (, ; tab), reads records with their line numbers (quoted
// multi-line fields, CRLF or LF), looks columns up by header name with
// aliases, and parses the date formats of the exports Keel reads.
package csvfile
