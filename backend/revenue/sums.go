package revenue

import (
	"fmt"

	"keel/backend"
	"keel/backend/workspace"
)

// paymentSums are the payments created in each month first..last, added
// up by SQLite by status and description (workspace.PaymentSums), read
// once per change of the data for the sales.
func paymentSums(db *workspace.DB, base string, first, last backend.Month, includeTest bool) ([][]workspace.PaymentSum, error) {
	loc := db.Location()
	key := fmt.Sprintf("revenue.sums:%s:%s:%d:%d:%t", base, loc, first, last, includeTest)
	v, err := db.Memo(key, func() (any, error) {
		n := last.Since(first) + 1
		bounds := make([]int64, n+1)
		for i := range bounds {
			bounds[i] = first.Add(i).Start(loc).Unix()
		}
		out := make([][]workspace.PaymentSum, n)
		err := db.PaymentSums(bounds, base, includeTest, func(i int, s workspace.PaymentSum) { out[i] = append(out[i], s) })
		return out, err
	})
	if err != nil {
		return nil, err
	}
	return v.([][]workspace.PaymentSum), nil
}
