package gumroad

// ownReal names the real exports that are gumroad files: none yet.
var ownReal = map[string]string{}
