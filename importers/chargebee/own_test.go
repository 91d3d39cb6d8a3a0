package chargebee

// ownReal names the real exports that are chargebee files: none yet.
var ownReal = map[string]string{}
