package accounts

// PartLinks counts the linkings of a part, for the tests.
var PartLinks = &partLinks
