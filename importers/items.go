package importers

import "keel/backend"

// ItemImporter is an Importer that also reads a file holding one JSON
// document: an array of objects (Intercom's conversations as its API
// returns them, saved by a script), or an object holding such an array
// (the API's list response, {"type": "conversation.list", "conversations":
// […]}), several of them one after the other for a file of pages.
//
// The pipeline takes this path for a file when DetectItems claims its
// start (score > 0), and streams the array element by element: memory
// holds one element, a file of any size imports, every rejected element is
// listed with the line it starts on.
type ItemImporter interface {
	Importer
	// DetectItems scores how sure it is that a file starting with head
	// (as for LineImporter.DetectLines; a JSON document usually does not
	// end within it) is its kind, from 0 to 1.
	DetectItems(head []byte) float64
	// BindItems returns the parser of one element of the array.
	BindItems(opt Options) (ItemFunc, error)
}

// ItemFunc parses one element of the array: the JSON text of one object.
// It returns the element's record, nil and no error for an element that
// holds no data, or an error whose text is why the element is rejected.
// item is only valid during the call.
type ItemFunc func(item []byte) (backend.Record, error)

// ReadsItems reports whether im reads a file starting with head through
// its item path.
func ReadsItems(im Importer, head []byte) bool {
	ii, ok := im.(ItemImporter)
	return ok && ii.DetectItems(trimBOM(head)) > 0
}
