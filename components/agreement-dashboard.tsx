'use client';
// The consensus dashboard of an article or of every article: the agreement
// figures, the status distribution, the claims that need attention first, the
// pairwise agreement heat map, agreement over time, Dawid–Skene's reliability
// beside the plain consensus, and who rated what. Everything comes from one
// report (GET /api/v1/…/agreement), already cut to what the viewer may see.
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { STATUSES } from '@/lib/agreement/dashboard';
import type { AgreementView } from '@/lib/services/agreement';
import { OverTimeChart, StatusChart } from './agreement-charts';
import { STATUS_ICONS } from './claim-status';
import { CoverageMatrix } from './coverage-matrix';
import './agreement.css';

export interface DashboardProps {
  view: AgreementView;
  /** The page itself, for the filter form. */
  pagePath: string;
  /** The report's API path, for the downloads. */
  apiPath: string;
  viewer: { id: string; seesEveryone: boolean };
  /** Editors: the reviewers to filter by. */
  reviewerOptions: { id: string; name: string }[];
  /** Why the filter asked for was not applied, if it was not. */
  filterError: string | null;
}

function Section({ id, title, hint, children }: { id: string; title: string; hint?: string; children: ReactNode }) {
  return (
    <section className="agreement-section" aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {hint && <p className="hint">{hint}</p>}
      {children}
    </section>
  );
}

/** κ from −1 to 1 as a background light enough for dark text: red below 0, white at 0, green towards 1. */
function kappaColour(kappa: number | null): string | undefined {
  if (kappa === null) return undefined;
  const k = Math.max(-1, Math.min(1, kappa));
  return k >= 0 ? `hsl(140 55% ${Math.round(100 - 42 * k)}%)` : `hsl(0 75% ${Math.round(100 + 25 * k)}%)`;
}

export function AgreementDashboard({ view, pagePath, apiPath, viewer, reviewerOptions, filterError }: DashboardProps) {
  const t = useTranslations('agreement');
  const ts = useTranslations('statuses');
  const tr = useTranslations('ratings');
  const format = useFormatter();
  const fig = (value: number | null) => (value === null ? t('undefined') : format.number(value, { maximumFractionDigits: 3, minimumFractionDigits: 2 }));
  const pct = (value: number | null) => (value === null ? t('undefined') : format.number(value, { style: 'percent', maximumFractionDigits: 1 }));
  const nameOf = new Map(view.people.map((p) => [p.id, p.name ?? p.id]));
  const who = (id: string | null) => (id === null ? t('anotherReviewer') : id === viewer.id ? `${nameOf.get(id) ?? id} (${t('you')})` : (nameOf.get(id) ?? id));
  const articleTitle = new Map(view.articles.map((a) => [a.id, a.title]));
  const query = new URLSearchParams(Object.entries({ from: view.scope.from, to: view.scope.to, reviewer: view.scope.reviewer }).filter((e): e is [string, string] => e[1] !== null));
  const download = (format: 'csv' | 'json') => `${apiPath}?${new URLSearchParams([...query, ['format', format]]).toString()}`;

  const statusData = STATUSES.map((status) => ({ status, label: ts(status), count: view.statuses[status] }));
  const totalClaims = statusData.reduce((n, d) => n + d.count, 0);
  const statusDescription = t('statusesDescription', { total: totalClaims, list: statusData.map((d) => `${d.label} ${d.count}`).join(', ') });

  const weeks = view.overTime.map((w) => ({ week: w.week, ordinal: w.alpha.ordinal, nominal: w.alpha.nominal, percent: w.percentAgreement }));
  const lastWeek = view.overTime.at(-1);
  const overTimeDescription = lastWeek
    ? t('overTimeDescription', { weeks: weeks.length, first: view.overTime[0]!.week, last: lastWeek.week, alpha: fig(lastWeek.alpha.ordinal), claims: lastWeek.claims })
    : t('overTimeEmpty');

  // The heat map's reviewers: everyone in a pair, in the report's order.
  const pairReviewers = [...new Set(view.cohenKappa.flatMap((p) => [p.a, p.b]).filter((id): id is string => id !== null))].sort((a, b) => (nameOf.get(a) ?? a).localeCompare(nameOf.get(b) ?? b));
  const pairOf = (a: string, b: string) => view.cohenKappa.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));

  const r = view.reliability;
  const coverageColumns = view.coverage.reviewers.map((id) => ({ id, name: who(id) }));

  return (
    <div className="agreement-dashboard">
      <form method="get" action={pagePath} className="agreement-filter" aria-label={t('filters')}>
        <label>
          {t('from')}
          <input type="date" name="from" defaultValue={view.scope.from ?? ''} data-testid="filter-from" />
        </label>
        <label>
          {t('to')}
          <input type="date" name="to" defaultValue={view.scope.to ?? ''} data-testid="filter-to" />
        </label>
        <label>
          {t('reviewer')}
          <select name="reviewer" defaultValue={view.scope.reviewer ?? ''} data-testid="filter-reviewer">
            <option value="">{t('everyone')}</option>
            {viewer.seesEveryone ? (
              reviewerOptions.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))
            ) : (
              <option value={viewer.id}>{t('mine')}</option>
            )}
          </select>
        </label>
        <button type="submit">{t('show')}</button>
        {query.size > 0 && <Link href={pagePath}>{t('clear')}</Link>}
      </form>
      <p className="hint">{t('datesNote')}</p>
      {filterError && (
        <p className="notice" role="alert" data-testid="filter-error">
          {t('badFilter', { message: filterError })}
        </p>
      )}
      {view.restricted && (
        <p className="notice" data-testid="restricted">
          {t('restricted')}
        </p>
      )}
      {!viewer.seesEveryone && <p className="hint">{t('reviewerView')}</p>}
      <p className="exports">
        {t('downloads')}{' '}
        <a href={download('csv')} download data-testid="agreement-csv">
          CSV
        </a>{' '}
        <a href={download('json')} download data-testid="agreement-json">
          JSON
        </a>
      </p>

      <Section id="agreement-figures" title={t('figures')} hint={t('figuresHint')}>
        <dl className="agreement-figures">
          <div>
            <dt>{t('claims')}</dt>
            <dd data-testid="figure-claims">{format.number(view.claims)}</dd>
          </div>
          <div>
            <dt>{t('reviewers')}</dt>
            <dd data-testid="figure-reviewers">{format.number(view.reviewers)}</dd>
          </div>
          <div>
            <dt>{t('percentAgreement')}</dt>
            <dd data-testid="figure-percent">{pct(view.percentAgreement)}</dd>
          </div>
          <div>
            <dt>{t('alphaOrdinal')}</dt>
            <dd data-testid="figure-alpha-ordinal">{fig(view.krippendorffAlpha.ordinal)}</dd>
          </div>
          <div>
            <dt>{t('alphaNominal')}</dt>
            <dd data-testid="figure-alpha-nominal">{fig(view.krippendorffAlpha.nominal)}</dd>
          </div>
          <div>
            <dt>{t('alphaInterval')}</dt>
            <dd>{fig(view.krippendorffAlpha.interval)}</dd>
          </div>
          <div>
            <dt>{t('fleiss')}</dt>
            <dd data-testid="figure-fleiss">
              {fig(view.fleissKappa?.kappa ?? null)}
              {view.fleissKappa && <span className="hint"> {t('fleissDetail', { units: view.fleissKappa.units, raters: view.fleissKappa.raters })}</span>}
            </dd>
          </div>
          <div>
            <dt>{t('gwet')}</dt>
            <dd data-testid="figure-gwet">{fig(view.gwetAC1)}</dd>
          </div>
        </dl>
      </Section>

      <div className="agreement-grid">
        <Section id="agreement-statuses" title={t('statuses')}>
          <StatusChart data={statusData} description={statusDescription} />
          <details className="chart-table">
            <summary>{t('table')}</summary>
            <table data-testid="status-table">
              <thead>
                <tr>
                  <th scope="col">{t('status')}</th>
                  <th scope="col">{t('count')}</th>
                </tr>
              </thead>
              <tbody>
                {statusData.map((d) => (
                  <tr key={d.status}>
                    <th scope="row">
                      <span aria-hidden="true">{STATUS_ICONS[d.status]}</span> {d.label}
                    </th>
                    <td>{format.number(d.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </Section>

        <Section id="agreement-attention" title={t('attention')} hint={t('attentionHint')}>
          {view.attention.claims.length === 0 ? (
            <p>{t('attentionEmpty')}</p>
          ) : (
            <>
              <ol className="attention-list">
                {view.attention.claims.map((c) => (
                  <li key={c.id}>
                    <span className={`status-badge status-${c.status}`}>
                      <span aria-hidden="true">{STATUS_ICONS[c.status]}</span> {ts(c.status)}
                    </span>{' '}
                    <Link href={`/articles/${c.articleId}?claim=${c.id}`}>{c.exact}</Link>
                    {view.scope.article === null && <span className="hint"> · {articleTitle.get(c.articleId)}</span>}
                  </li>
                ))}
              </ol>
              {view.attention.total > view.attention.claims.length && <p className="hint">{t('attentionMore', { shown: view.attention.claims.length, total: view.attention.total })}</p>}
            </>
          )}
        </Section>
      </div>

      <Section id="agreement-pairs" title={t('pairs')} hint={viewer.seesEveryone ? t('pairsHint') : t('pairsOwnHint')}>
        {view.cohenKappa.length === 0 ? (
          <p>{t('pairsEmpty')}</p>
        ) : viewer.seesEveryone ? (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('pairsRegion')}>
            <table className="heat-map" data-testid="heat-map">
              <thead>
                <tr>
                  <td />
                  {pairReviewers.map((id) => (
                    <th scope="col" key={id}>
                      {who(id)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {pairReviewers.map((row) => (
                  <tr key={row}>
                    <th scope="row">{who(row)}</th>
                    {pairReviewers.map((col) => {
                      const pair = row === col ? undefined : pairOf(row, col);
                      return (
                        <td key={col} style={{ background: kappaColour(pair?.kappa ?? null) }}>
                          {pair ? (
                            <>
                              <span className="kappa">{fig(pair.kappa)}</span> <span className="n">n = {pair.n}</span>
                            </>
                          ) : row === col ? (
                            <span aria-label="—">·</span>
                          ) : (
                            ''
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <table className="heat-map own-pairs" data-testid="own-pairs">
            <thead>
              <tr>
                <th scope="col">{t('with')}</th>
                <th scope="col">{t('kappa')}</th>
                <th scope="col">{t('shared')}</th>
              </tr>
            </thead>
            <tbody>
              {view.cohenKappa.map((p, i) => (
                <tr key={i}>
                  <th scope="row">{t('anotherReviewer')}</th>
                  <td style={{ background: kappaColour(p.kappa) }}>{fig(p.kappa)}</td>
                  <td>{p.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="agreement-over-time" title={t('overTime')} hint={t('overTimeHint')}>
        {weeks.length === 0 ? (
          <p>{t('overTimeEmpty')}</p>
        ) : (
          <>
            <OverTimeChart data={weeks} description={overTimeDescription} labels={{ ordinal: t('alphaOrdinal'), nominal: t('alphaNominal'), percent: t('percentAgreement') }} />
            <p className="visually-hidden">{overTimeDescription}</p>
            <details className="chart-table">
              <summary>{t('table')}</summary>
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t('overTimeRegion')}>
                <table data-testid="over-time-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('week')}</th>
                      <th scope="col">{t('count')}</th>
                      <th scope="col">{t('alphaOrdinal')}</th>
                      <th scope="col">{t('alphaNominal')}</th>
                      <th scope="col">{t('percentAgreement')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.overTime.map((w) => (
                      <tr key={w.week}>
                        <th scope="row">{format.dateTime(new Date(`${w.week}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' })}</th>
                        <td>{w.claims}</td>
                        <td>{fig(w.alpha.ordinal)}</td>
                        <td>{fig(w.alpha.nominal)}</td>
                        <td>{pct(w.percentAgreement)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </>
        )}
      </Section>

      <Section id="agreement-reliability" title={t('reliability')} hint={t('reliabilityHint')}>
        {r.insufficientData ? (
          <p className="notice" data-testid="reliability-insufficient">
            {t('insufficient', { reviewers: r.required.reviewers, claims: r.required.sharedClaims, shared: r.sharedClaims })}
          </p>
        ) : (
          <>
            <p className={r.converged ? 'hint' : 'notice'}>{r.converged ? t('converged', { iterations: r.iterations ?? 0 }) : t('notConverged', { iterations: r.iterations ?? 0 })}</p>
            <div className="table-scroll">
              <table data-testid="reliability-table">
                <thead>
                  <tr>
                    <th scope="col">{t('reviewers')}</th>
                    <th scope="col">{t('count')}</th>
                    <th scope="col">{t('sharedWithOthers')}</th>
                    <th scope="col">{t('accuracy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.reviewers.map((row) => (
                    <tr key={row.reviewer}>
                      <th scope="row">{who(row.reviewer)}</th>
                      <td>{row.claims}</td>
                      <td>{row.sharedClaims}</td>
                      <td>
                        {row.accuracy === null ? (
                          <span className="hint">{t('tooFewShared', { n: r.required.reviewerSharedClaims })}</span>
                        ) : (
                          <span className="accuracy">
                            <meter min={0} max={1} value={row.accuracy} aria-hidden="true" /> {pct(row.accuracy)}
                          </span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {r.weighted && (
              <>
                <h3>{t('weighted')}</h3>
                <p data-testid="weighted-summary">{t('weightedSummary', { same: r.weighted.same, different: r.weighted.different, tie: r.weighted.plainTie })}</p>
                {r.weighted.claims.length > 0 && (
                  <div className="table-scroll">
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t('claim')}</th>
                          <th scope="col">{t('plain')}</th>
                          <th scope="col">{t('weightedRating')}</th>
                          <th scope="col">{t('probability')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {r.weighted.claims.map((c) => (
                          <tr key={c.claimId}>
                            <th scope="row">
                              <Link href={`/articles/${c.articleId}?claim=${c.claimId}`}>{c.exact}</Link>
                            </th>
                            <td>{c.plain ? tr(c.plain) : t('tie')}</td>
                            <td>{tr(c.weighted)}</td>
                            <td>{pct(c.probability)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </>
            )}
          </>
        )}
      </Section>

      <Section id="agreement-coverage" title={t('coverage')} hint={viewer.seesEveryone ? t('coverageHint') : t('coverageOwnHint')}>
        <table className="coverage-summary" data-testid="coverage-summary">
          <caption>{t('perReviewer')}</caption>
          <tbody>
            {coverageColumns.map((c, i) => (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                <td>{t('ofClaims', { count: view.coverage.counts[i] ?? 0, total: view.coverage.total })}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {view.coverage.claims.length > 0 && <CoverageMatrix columns={coverageColumns} rows={view.coverage.claims} label={t('coverageLabel', { rows: view.coverage.claims.length })} />}
        {view.coverage.truncated && <p className="hint">{t('coverageTruncated', { shown: view.coverage.claims.length, total: view.coverage.total })}</p>}
      </Section>
    </div>
  );
}
