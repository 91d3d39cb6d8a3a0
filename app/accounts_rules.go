package app

import (
	"context"
	"slices"

	"keel/backend/accounts"
)

// Ambiguous lists the organisations whose tickets and events several
// accounts could claim ("ambiguous: 3 accounts at acme.example"), each
// with its candidates: the founder's choice is an Attach of an address, or
// of the domain for all of them.
func (a *Accounts) Ambiguous() ([]accounts.Ambiguity, error) {
	db, err := a.s.workspace()
	if err != nil {
		return nil, err
	}
	out, err := accounts.Ambiguities(context.Background(), db)
	if out == nil {
		out = []accounts.Ambiguity{}
	}
	for i := range out {
		if out[i].Accounts == nil {
			out[i].Accounts = []accounts.Candidate{}
		}
	}
	return out, err
}

// PublicDomainsView is the workspace's list of public mail domains: their
// addresses never link by domain.
type PublicDomainsView struct {
	Domains []string `json:"domains"`
	Default bool     `json:"default"` // Keel's own list
}

// PublicDomains is the workspace's list of public mail domains.
func (a *Accounts) PublicDomains() (*PublicDomainsView, error) {
	db, err := a.s.workspace()
	if err != nil {
		return nil, err
	}
	p, err := accounts.LoadPublicDomains(db)
	if err != nil {
		return nil, err
	}
	def := accounts.DefaultPublicDomains().List()
	list := p.List()
	return &PublicDomainsView{Domains: list, Default: slices.Equal(list, def)}, nil
}

// SetPublicDomains stores the list the founder typed (one domain a line,
// or separated by commas; "yahoo.*" for every yahoo domain; empty: Keel's
// list again) and links the accounts again under it.
func (a *Accounts) SetPublicDomains(text string) (*PublicDomainsView, error) {
	db, err := a.s.workspace()
	if err != nil {
		return nil, err
	}
	list, err := accounts.ParsePublicDomains(text)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		list = accounts.DefaultPublicDomains().List()
	}
	if err := accounts.SetPublicDomains(context.Background(), db, list); err != nil {
		return nil, err
	}
	a.s.emit("workspace:changed", map[string]any{})
	return a.PublicDomains()
}
