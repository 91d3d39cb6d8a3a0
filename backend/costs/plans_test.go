package costs

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

func TestGrantsAndMatrix(t *testing.T) {
	db, err := workspace.Create(filepath.Join(t.TempDir(), "p.keel"), "P")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }
	sso, err := SaveFeature(db, backend.Feature{Name: " SSO "})
	if err != nil || sso.Name != "SSO" {
		t.Fatal(sso, err)
	}
	api, _ := SaveFeature(db, backend.Feature{Name: "API access"})
	seats := int64(10)
	bad := []struct {
		e    backend.Entitlement
		want string
	}{
		{backend.Entitlement{Plan: "Growth · monthly", Feature: sso.ID, Access: "vip"}, "not \"vip\""},
		{backend.Entitlement{Plan: "Growth · monthly", Feature: sso.ID, Access: "role"}, "which role"},
		{backend.Entitlement{Plan: "Growth · monthly", Feature: sso.ID, Access: "usage_limited"}, "how much"},
		{backend.Entitlement{Plan: "Growth · monthly", Feature: sso.ID, Access: "temporary", Until: "soon"}, "until when"},
		{backend.Entitlement{Plan: " ", Feature: sso.ID, Access: "plan"}, "which plan"},
	}
	for _, c := range bad {
		if err := Grant(db, c.e); backend.ErrorCode(err) != backend.Invalid || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.e, err, c.want)
		}
	}
	for _, e := range []backend.Entitlement{
		{Plan: "Scale · monthly", Feature: sso.ID, Access: "plan"},
		{Plan: "Growth · monthly", Feature: sso.ID, Access: "role", Role: "admin", Limit: &seats}, // the limit is dropped
		{Plan: "Growth · monthly", Feature: api.ID, Access: "usage_limited", Limit: &seats, LimitUnit: "calls a minute"},
		{Plan: "Starter · monthly", Feature: api.ID, Access: "temporary", Until: "2026-02-01", Note: "launch offer"},
		{Plan: "Legacy", Feature: api.ID, Access: "grandfathered"},
	} {
		if err := Grant(db, e); err != nil {
			t.Fatal(err)
		}
	}
	feats, _ := db.Features()
	grants, _ := db.Entitlements()
	m := BuildMatrix([]string{"Starter · monthly", "Growth · monthly", "Scale · monthly"}, feats, grants, "2026-03-01")
	if strings.Join(m.Plans, "|") != "Starter · monthly|Growth · monthly|Scale · monthly|Legacy" || m.Features[0].Name != "API access" {
		t.Fatalf("matrix axes %v %v", m.Plans, m.Features)
	}
	want := [][]string{
		{"No longer: it was granted until 2026-02-01 (launch offer).", "Yes, up to 10 calls a minute.", "No: Scale · monthly does not include API access.",
			"Only accounts that had it before the plan changed (grandfathered)."},
		{"No: Starter · monthly does not include SSO.", "Only users with the admin role.", "Yes: every account on Scale · monthly has it.", "No: Legacy does not include SSO."},
	}
	for i := range want {
		for j, w := range want[i] {
			if c := m.Cells[i][j]; c.Why != w {
				t.Errorf("%s × %s: %q, want %q", m.Features[i].Name, m.Plans[j], c.Why, w)
			}
		}
	}
	if m.Cells[0][0].Granted || !m.Cells[1][1].Granted || m.Cells[1][1].Limit != nil {
		t.Errorf("granted flags %+v %+v", m.Cells[0][0], m.Cells[1][1])
	}
	if err := Grant(db, backend.Entitlement{Plan: "Legacy", Feature: api.ID}); err != nil {
		t.Fatal(err)
	}
	if gs, _ := db.Entitlements(); len(gs) != 4 {
		t.Errorf("an empty access should remove the grant: %+v", gs)
	}
	if err := SetTerms(db, backend.AccountTerms{Account: "acc_1", Terms: "discounted"}); err == nil {
		t.Error("terms other than grandfathered or negotiated were stored")
	}
}
