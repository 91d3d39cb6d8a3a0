// The areas of the app, in the order of DESIGN.md. The sidebar, the `g`
// shortcuts, the shortcuts help and the command palette are all built from
// this list: adding an area is one line.
import type { Component } from 'svelte';
import Home from '../screens/Home.svelte';
import Imports from '../screens/Imports.svelte';
import Revenue from '../screens/Revenue.svelte';
import Users from '../screens/Users.svelte';
import Support from '../screens/Support.svelte';
import Accounts from '../screens/Accounts.svelte';
import Review from '../screens/Review.svelte';
import Releases from '../screens/Releases.svelte';
import type { IconName } from '../components/icons';
import { flow } from './imports.svelte';
import { dueBadge } from './review.svelte';

export interface Area {
  id: string;
  label: string;
  /** The letter after `g`. */
  key: string;
  icon: IconName;
  component: Component;
  /** A count shown in the sidebar when something waits there, or null. */
  badge?: () => number | null;
}

export const areas: Area[] = [
  { id: 'home', label: 'Home', key: 'h', icon: 'home', component: Home },
  { id: 'imports', label: 'Imports', key: 'i', icon: 'import', component: Imports, badge: () => flow.staged.length || null },
  { id: 'revenue', label: 'Revenue', key: 'r', icon: 'revenue', component: Revenue },
  { id: 'users', label: 'Users', key: 'u', icon: 'users', component: Users },
  { id: 'support', label: 'Support load', key: 's', icon: 'support', component: Support },
  { id: 'accounts', label: 'Accounts', key: 'a', icon: 'accounts', component: Accounts },
  { id: 'releases', label: 'Releases', key: 'l', icon: 'releases', component: Releases },
  { id: 'review', label: 'Monthly review', key: 'm', icon: 'review', component: Review, badge: dueBadge },
];

export function areaById(id: string): Area | undefined {
  return areas.find((a) => a.id === id);
}
