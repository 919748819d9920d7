import { describe, expect, it } from 'vitest';
import { computeConsensus } from '../../lib/consensus';
import { CSV_COLUMNS, guardFormula, toCsv } from '../../lib/export/csv';
import { exportFilename, slugify } from '../../lib/export/filename';
import { toJson } from '../../lib/export/json';
import type { ArticleExport, ExportedVerdict } from '../../lib/export/types';
import { parseCsv } from './support/csv';


function verdict(overrides: Partial<ExportedVerdict>): ExportedVerdict {
  return {
    reviewer: { id: 'u1', name: 'Élodie Martin' },
    rating: 'false',
    rationale: '',
    rationaleDoc: null,
    sources: [],
    updatedAt: '2025-07-02T10:00:00.000Z',
    ...overrides,
  };
}

const data: ArticleExport = {
  format: 'crux.article-export',
  version: 1,
  exportedAt: '2025-07-03T08:00:00.000Z',
  article: {
    id: 'art_1',
    title: 'Sommet de Sotchi : « une très bonne atmosphère »',
    language: 'fr',
    publishedAt: '2025-07',
    sourceUrl: 'https://example.org/sotchi',
    publisher: 'Agence',
    revision: 2,
  },
  claims: [
    {
      id: 'c1',
      exact: 'près de 300 morts',
      prefix: 'avaient fait ',
      suffix: ' en septembre',
      start: 120,
      end: 137,
      anchorState: 'exact',
      revision: 2,
      createdAt: '2025-07-01T09:00:00.000Z',
      consensus: computeConsensus(['mostly-true', 'mostly-true', 'mixed']),
      verdicts: [
        verdict({
          rating: 'mostly-true',
          rationale: 'Bilan « officiel », cité par l’AFP, dit "environ 300".\nDeuxième ligne, avec virgule.',
          sources: [
            { url: 'https://a.example/1', title: null, publisher: null, quote: null, stance: 'supports', accessedAt: '2025-07-02', archiveUrl: null },
            { url: 'https://b.example/2?x=1,2', title: 'B', publisher: 'B', quote: 'q', stance: null, accessedAt: null, archiveUrl: 'https://web.archive.org/web/2025/https://b.example/2' },
          ],
        }),
        verdict({ reviewer: { id: 'u2', name: null }, rating: 'mostly-true', rationale: '=HYPERLINK("http://evil","x")' }),
        verdict({ reviewer: { id: 'u3', name: '@bob' }, rating: 'mixed', rationale: '-2 % selon +infos\r\nfin' }),
      ],
    },
    {
      id: 'c2',
      exact: '=1+1',
      prefix: '',
      suffix: '',
      start: 0,
      end: 4,
      anchorState: 'orphaned',
      revision: 1,
      createdAt: '2025-07-01T09:30:00.000Z',
      consensus: computeConsensus([]),
      verdicts: [],
    },
  ],
};

describe('toCsv', () => {
  const csv = toCsv(data);
  const rows = parseCsv(csv.slice(1));
  const [header, ...records] = rows;
  const byColumn = records.map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]])));

  it('starts with a UTF-8 byte order mark and a header row', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).startsWith('article_id,article_title,claim_id,')).toBe(true);
    expect(header).toEqual([
      'article_id', 'article_title', 'claim_id', 'claim_start', 'claim_end', 'claim_text',
      'consensus_status', 'consensus_rating', 'agreement', 'reviewer_count', 'reviewer',
      'rating', 'rationale', 'sources', 'updated_at',
    ]);
  });

  it('writes one row per verdict and one for a claim without verdicts', () => {
    expect(records).toHaveLength(4);
    expect(records.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    expect(byColumn.map((r) => r.claim_id)).toEqual(['c1', 'c1', 'c1', 'c2']);
    expect(byColumn[3]).toMatchObject({ reviewer: '', rating: '', rationale: '', sources: '', updated_at: '' });
    expect(byColumn[3]).toMatchObject({ consensus_status: 'unreviewed', consensus_rating: '', agreement: '', reviewer_count: '0' });
  });

  it('round-trips quotes, commas, newlines and accents in the rationale', () => {
    expect(byColumn[0]?.rationale).toBe(
      'Bilan « officiel », cité par l’AFP, dit "environ 300".\nDeuxième ligne, avec virgule.',
    );
    expect(byColumn[0]?.article_title).toBe('Sommet de Sotchi : « une très bonne atmosphère »');
    expect(byColumn[0]?.reviewer).toBe('Élodie Martin');
    expect(csv).toContain('"Bilan « officiel », cité par l’AFP, dit ""environ 300"".\nDeuxième ligne, avec virgule."');
  });

  it('fills the claim and consensus columns', () => {
    expect(byColumn[0]).toMatchObject({
      article_id: 'art_1',
      claim_start: '120',
      claim_end: '137',
      claim_text: 'près de 300 morts',
      consensus_status: 'consensus',
      consensus_rating: 'mostly-true',
      agreement: '0.6667',
      reviewer_count: '3',
      rating: 'mostly-true',
      updated_at: '2025-07-02T10:00:00.000Z',
    });
  });

  it('joins source URLs with a pipe', () => {
    expect(byColumn[0]?.sources).toBe('https://a.example/1 | https://b.example/2?x=1,2');
    expect(byColumn[1]?.sources).toBe('');
  });

  it('falls back to the reviewer id when there is no name', () => {
    expect(byColumn[1]?.reviewer).toBe('u2');
  });

  it('neutralises cells that a spreadsheet would run as formulas', () => {
    expect(byColumn[1]?.rationale).toBe('\'=HYPERLINK("http://evil","x")');
    expect(byColumn[2]?.reviewer).toBe("'@bob");
    expect(byColumn[2]?.rationale).toBe("'-2 % selon +infos\r\nfin");
    expect(byColumn[3]?.claim_text).toBe("'=1+1");
    // No data cell outside the numeric columns starts with a trigger character.
    for (const record of byColumn) {
      for (const [column, value] of Object.entries(record)) {
        if (['claim_start', 'claim_end', 'agreement', 'reviewer_count'].includes(column)) continue;
        expect(value ?? '').not.toMatch(/^[=+\-@\t\r]/);
      }
    }
  });

  it('leaves numeric columns as numbers, negative ones included', () => {
    const odd: ArticleExport = { ...data, claims: [{ ...data.claims[1]!, start: -1, end: 4 }] };
    const [, record] = parseCsv(toCsv(odd).slice(1));
    expect(record?.[CSV_COLUMNS.indexOf('claim_start')]).toBe('-1');
  });

  it('writes only a header for an article without claims', () => {
    const empty = toCsv({ ...data, claims: [] });
    expect(parseCsv(empty.slice(1))).toEqual([[...CSV_COLUMNS]]);
  });
});

describe('guardFormula', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+33 6 12', "'+33 6 12"],
    ['-x', "'-x"],
    ['@user', "'@user"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['Vrai', 'Vrai'],
    ['a=b', 'a=b'],
    [' =1', ' =1'],
    ['', ''],
  ])('%j → %j', (cell, guarded) => {
    expect(guardFormula(cell)).toBe(guarded);
  });
});

describe('toJson', () => {
  it('pretty-prints with two spaces and ends with a newline', () => {
    const json = toJson(data);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.startsWith('{\n  "format": "crux.article-export",\n  "version": 1,')).toBe(true);
    expect(JSON.parse(json)).toEqual(data);
  });

  it('keeps accents and typography as characters, not escapes', () => {
    expect(toJson(data)).toContain('« une très bonne atmosphère »');
  });
});

describe('exportFilename', () => {
  it.each([
    ['Sommet de Sotchi : « une très bonne atmosphère »', 'json', 'sommet-de-sotchi-une-tres-bonne-atmosphere.crux.json'],
    ['L’Azerbaïdjan et l’Arménie', 'csv', 'l-azerbaidjan-et-l-armenie.crux.csv'],
    ['Cœur de l’Œuvre', 'csv', 'coeur-de-l-oeuvre.crux.csv'],
    ['  ---  ', 'json', 'article.crux.json'],
    ['', 'csv', 'article.crux.csv'],
    ['日本語のタイトル', 'json', 'article.crux.json'],
    ['COVID-19 : 2 000 morts 🤔', 'csv', 'covid-19-2-000-morts.crux.csv'],
  ] as const)('%j (%s) → %s', (title, format, name) => {
    expect(exportFilename(title, format)).toBe(name);
  });

  it('caps the slug at 60 characters without a trailing dash', () => {
    const slug = slugify('Les présidents russes, azerbaïdjanais et le premier ministre arménien ont réaffirmé');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toBe('les-presidents-russes-azerbaidjanais-et-le-premier-ministre');
    expect(slugify(`${'a'.repeat(59)} b`)).toBe('a'.repeat(59));
    expect(exportFilename('x'.repeat(200), 'json')).toBe(`${'x'.repeat(60)}.crux.json`);
  });

  it('produces ASCII only', () => {
    expect(exportFilename('Ça coûte 10 € — déjà ½ prix', 'csv')).toMatch(/^[a-z0-9-]+\.crux\.csv$/);
  });
});
