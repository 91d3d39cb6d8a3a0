package lemonsqueezy

// ownReal names the real exports that are lemonsqueezy files: none yet.
var ownReal = map[string]string{}
