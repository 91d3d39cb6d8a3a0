package accounts

// PartLinks counts the linkings of a part, for the tests.
var PartLinks = &partLinks

// ManyAccounts is how many accounts to write are read in one pass.
var ManyAccounts = &manyAccounts

// PutBack counts the accounts an undo put back as they were.
var PutBack = &putBack

// NamesBack counts the undos that put the event names' dates back.
var NamesBack = &namesBack
