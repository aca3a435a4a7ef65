/** Small self-contained SVG charts for docs/ (no plotting dependency, readable in any Markdown viewer). */

const COLORS = ['#4c78a8', '#f58518', '#54a24b', '#b279a2'];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Grouped bars: one group per category, one bar per series. */
export function groupedBars(
  title: string,
  unit: string,
  categories: string[],
  series: { name: string; values: number[] }[],
) {
  const width = 760;
  const height = 360;
  const left = 60;
  const bottom = 90;
  const top = 40;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...series.flatMap((s) => s.values)) * 1.1;
  const groupW = (width - left - 20) / categories.length;
  const barW = (groupW * 0.8) / series.length;
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const parts: string[] = [
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text>`,
    `<line x1="${left}" y1="${top + plotH}" x2="${width - 20}" y2="${top + plotH}" stroke="#333"/>`,
    `<text x="14" y="${top + plotH / 2}" font-size="12" transform="rotate(-90 14 ${top + plotH / 2})" text-anchor="middle">${esc(unit)}</text>`,
  ];
  for (let t = 0; t <= 4; t++) {
    const v = (max / 1.1) * (t / 4);
    parts.push(
      `<line x1="${left}" y1="${y(v)}" x2="${width - 20}" y2="${y(v)}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${y(v) + 4}" font-size="11" text-anchor="end">${Math.round(v)}</text>`,
    );
  }
  categories.forEach((category, c) => {
    const x0 = left + c * groupW + groupW * 0.1;
    series.forEach((s, k) => {
      const v = s.values[c] ?? 0;
      const x = x0 + k * barW;
      parts.push(
        `<rect x="${x}" y="${y(v)}" width="${barW - 2}" height="${top + plotH - y(v)}" fill="${COLORS[k % COLORS.length]}"/>`,
        `<text x="${x + barW / 2}" y="${y(v) - 4}" font-size="10" text-anchor="middle">${Math.round(v)}</text>`,
      );
    });
    const words = category.split(' ');
    const half = Math.ceil(words.length / 2);
    [words.slice(0, half).join(' '), words.slice(half).join(' ')].forEach((line, l) => {
      parts.push(
        `<text x="${x0 + (groupW * 0.8) / 2}" y="${top + plotH + 18 + l * 14}" font-size="11" text-anchor="middle">${esc(line)}</text>`,
      );
    });
  });
  series.forEach((s, k) => {
    const x = left + k * 140;
    parts.push(
      `<rect x="${x}" y="${height - 24}" width="12" height="12" fill="${COLORS[k % COLORS.length]}"/>`,
      `<text x="${x + 18}" y="${height - 14}" font-size="12">${esc(s.name)}</text>`,
    );
  });
  return svg(title, width, height, parts);
}

/** One line over time (x in seconds). */
export function line(title: string, unit: string, points: { x: number; y: number }[]) {
  const width = 760;
  const height = 300;
  const left = 60;
  const top = 40;
  const bottom = 40;
  const plotW = width - left - 20;
  const plotH = height - top - bottom;
  const maxX = Math.max(1, ...points.map((p) => p.x));
  const maxY = Math.max(1, ...points.map((p) => p.y)) * 1.15;
  const px = (x: number) => left + (x / maxX) * plotW;
  const py = (v: number) => top + plotH - (v / maxY) * plotH;
  const parts: string[] = [
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text>`,
    `<line x1="${left}" y1="${top + plotH}" x2="${width - 20}" y2="${top + plotH}" stroke="#333"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#333"/>`,
    `<text x="14" y="${top + plotH / 2}" font-size="12" transform="rotate(-90 14 ${top + plotH / 2})" text-anchor="middle">${esc(unit)}</text>`,
    `<text x="${width / 2}" y="${height - 6}" font-size="12" text-anchor="middle">seconds under load</text>`,
  ];
  for (let t = 0; t <= 4; t++) {
    const v = (maxY / 1.15) * (t / 4);
    parts.push(
      `<line x1="${left}" y1="${py(v)}" x2="${width - 20}" y2="${py(v)}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${py(v) + 4}" font-size="11" text-anchor="end">${Math.round(v)}</text>`,
    );
  }
  for (let t = 0; t <= 5; t++) {
    const x = (maxX * t) / 5;
    parts.push(
      `<text x="${px(x)}" y="${top + plotH + 16}" font-size="11" text-anchor="middle">${Math.round(x)}</text>`,
    );
  }
  const d = points.map((p, k) => `${k === 0 ? 'M' : 'L'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ');
  parts.push(`<path d="${d}" fill="none" stroke="${COLORS[0]}" stroke-width="2"/>`);
  return svg(title, width, height, parts);
}

function svg(title: string, width: number, height: number, parts: string[]) {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">
<title>${esc(title)}</title>
<rect width="100%" height="100%" fill="white"/>
${parts.join('\n')}
</svg>
`;
}
