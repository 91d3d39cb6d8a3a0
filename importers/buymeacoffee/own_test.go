package buymeacoffee

// ownReal names the real exports that are Buy Me a Coffee files.
var ownReal = map[string]string{
	"buymeacoffee/Supporters_list_2026-02-14.csv": "payments",
}
