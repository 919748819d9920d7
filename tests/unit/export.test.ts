import { describe, expect, it } from 'vitest';
import { guardFormula } from '../../lib/export/csv';
import { exportFilename, slugify } from '../../lib/export/filename';

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
