package gumroad

// ownReal names the real exports that are gumroad files.
var ownReal = map[string]string{
	"gumroad/sales_csv_2023_2024/gumroad.csv": "payments",
}
