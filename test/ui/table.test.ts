import { describe, expect, it } from 'vitest';
import { displayWidth, fitCells, middleEllipsis, renderTable, type Column } from '../../src/ui/table.js';

interface Row {
  id: string;
  name: string;
  type: string;
  engines: string;
  orientation: string;
  voice: string;
  status: string;
}

const row: Row = {
  id: 'lk_1234567890abcdef0123',
  name: 'A very long look name that goes on and on about the studio',
  type: 'digital_twin',
  engines: 'avatar_iv,avatar_v',
  orientation: 'landscape',
  voice: 'v_abcdef1234567890',
  status: 'completed',
};

const columns: Column<Row>[] = [
  { header: 'id', value: (r) => r.id, id: true },
  { header: 'name', value: (r) => r.name, shrink: true, minWidth: 16 },
  { header: 'type', value: (r) => r.type },
  { header: 'engines', value: (r) => r.engines },
  { header: 'orientation', value: (r) => r.orientation, priority: 4 },
  { header: 'default voice', value: (r) => r.voice, id: true, priority: 3 },
  { header: 'status', value: (r) => r.status },
];

const widest = (text: string) => Math.max(...text.split('\n').map(displayWidth));

describe('renderTable', () => {
  it('fits every width from 40 to 200 columns without cutting an id', () => {
    for (const width of [40, 60, 80, 100, 120, 200]) {
      const table = renderTable([row, { ...row, id: 'lk_2', name: 'Short' }], columns, { tty: true, width });
      expect(widest(table), `width ${width}:\n${table}`).toBeLessThanOrEqual(width);
      expect(table).toContain(row.id);
    }
  });

  it('keeps everything at full width', () => {
    const table = renderTable([row], columns, { tty: true, width: 200 });
    expect(table).toContain(row.name);
    expect(table).toContain('ORIENTATION');
  });

  it('drops the lowest-priority column first, then shortens free text in the middle', () => {
    const table = renderTable([row], columns, { tty: true, width: 80 });
    expect(table).not.toContain('ORIENTATION');
    const lines = table.split('\n');
    expect(lines[1]).toMatch(/A very l.*…/);
    // The name ends as it ended: the middle was cut, not the tail.
    expect(lines[1]).toMatch(/… ?studio/);
  });

  it('never shortens or drops an id, even when the line must overflow', () => {
    const table = renderTable([row], [columns[0]!, { ...columns[5]!, priority: 1 }], { tty: true, width: 20 });
    expect(table).toContain(row.id);
    expect(table).toContain(row.voice);
  });

  it('leaves piped output untouched: tab-separated, full values, every column', () => {
    const tsv = renderTable([row], columns, { tty: false, width: 40 });
    expect(tsv).toBe([row.id, row.name, row.type, row.engines, row.orientation, row.voice, row.status].join('\t'));
  });

  it('counts wide characters as two columns', () => {
    const table = renderTable([{ ...row, name: '東京のスタジオで撮影した長い名前のルック東京のスタジオ' }], columns, {
      tty: true,
      width: 80,
    });
    expect(widest(table)).toBeLessThanOrEqual(80);
  });
});

describe('middleEllipsis', () => {
  it('keeps the start and the end', () => {
    expect(middleEllipsis('Quarterly update for Europe and Asia', 15)).toBe('Quarter…nd Asia');
    expect(middleEllipsis('short', 15)).toBe('short');
    expect(displayWidth(middleEllipsis('Quarterly update for Europe and Asia', 15))).toBe(15);
  });
});

describe('fitCells', () => {
  it('pads every cell but the last', () => {
    const cells = fitCells(
      [
        ['a', 'bb'],
        ['ccc', 'd'],
      ],
      [{}, {}],
      80,
    );
    expect(cells).toEqual([
      ['a  ', 'bb'],
      ['ccc', 'd'],
    ]);
  });
});
