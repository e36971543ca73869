import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { CHART_FONT_FAMILY, chineseFontFiles } from './chart-font.ts';
import type { ProgressChartData } from './chart-data.ts';

const WIDTH = 960;
const HEIGHT = 720;

/** The ECharts option: bars of task and achieved by unit (top), the running total by period (bottom). */
export function progressChartOption(data: ProgressChartData): echarts.EChartsCoreOption {
  const unitNames = data.units.map((row) => (row.state === 'missing' ? `${row.unit}\n未填报` : row.state === 'conflict' ? `${row.unit}\n重复记录` : row.unit));
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONT_FAMILY },
    title: [
      { text: `${data.title} ${data.periodLabel}`, subtext: `${data.scope}　各单位任务与完成（${data.measure}）`, left: 'center', top: 8, textStyle: { fontSize: 18 } },
      { text: `各期累计（已填报单位合计，${data.measure}）`, left: 'center', top: 430, textStyle: { fontSize: 14 } },
    ],
    legend: { top: 64, data: ['任务', '完成'] },
    grid: [
      { left: 90, right: 40, top: 100, height: 280 },
      { left: 90, right: 40, top: 470, height: 200 },
    ],
    xAxis: [
      { type: 'category', gridIndex: 0, data: unitNames, axisLabel: { interval: 0, fontSize: data.units.length > 8 ? 10 : 12, rotate: data.units.length > 10 ? 30 : 0 } },
      { type: 'category', gridIndex: 1, data: data.periods.map((p) => p.label) },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0 },
      { type: 'value', gridIndex: 1 },
    ],
    series: [
      { name: '任务', type: 'bar', xAxisIndex: 0, yAxisIndex: 0, data: data.units.map((row) => row.task), itemStyle: { color: '#c7d3e3' } },
      {
        name: '完成',
        type: 'bar',
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: data.units.map((row) => row.achieved),
        itemStyle: { color: '#2f7d4f' },
        label: { show: true, position: 'top', formatter: (p: { dataIndex: number }) => (data.units[p.dataIndex].completionPercent === null ? '' : `${data.units[p.dataIndex].completionPercent}%`) },
      },
      {
        name: '累计',
        type: 'line',
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: data.periods.map((p) => p.total),
        label: { show: true, position: 'top', formatter: (p: { dataIndex: number }) => `${data.periods[p.dataIndex].filed}/${data.periods[p.dataIndex].units} 单位` },
        itemStyle: { color: '#d0662b' },
      },
    ],
  };
}

/** Server-side SVG from ECharts (no animation timer, disposed), drawn as PNG by resvg with a Chinese font. */
export function renderProgressChart(data: ProgressChartData): Buffer {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  let svg: string;
  try {
    chart.setOption(progressChartOption(data));
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const fontFiles = chineseFontFiles();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: WIDTH },
    background: '#ffffff',
    font: { fontFiles, loadSystemFonts: fontFiles.length === 0, defaultFontFamily: 'Noto Sans Hans' },
  });
  return Buffer.from(resvg.render().asPng());
}
