// Package backend holds Keel's domain: the canonical records that importers
// produce, and the error codes every layer uses to talk to the founder.
package backend

import (
	"errors"
	"fmt"
)

// Code classifies an error for the page and the command line.
type Code string

const (
	Invalid  Code = "invalid"   // the input is wrong; the message says how to fix it
	NotFound Code = "not_found" // something named does not exist
	Conflict Code = "conflict"  // the workspace state forbids it (locked, newer schema, …)
	Internal Code = "internal"  // a bug or an I/O failure
)

// Error is an error a founder can read: a code and a plain sentence.
type Error struct {
	Code    Code
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf builds an *Error with a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, Internal for errors Keel did not classify.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// ErrorMessage returns the founder-facing sentence of err.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong inside Keel: " + err.Error()
}
