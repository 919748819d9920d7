import type { ConsensusStatus } from '@/lib/consensus';

/**
 * A glyph for each consensus status, shown beside the colour wherever a status
 * appears (highlights' tooltips, legend, badges, claims list) so colour is never
 * the only signal.
 */
export const STATUS_ICONS: Record<ConsensusStatus, string> = {
  unreviewed: '○',
  'needs-review': '◔',
  consensus: '✓',
  disputed: '⚠',
  adjudicated: '⚖',
};
