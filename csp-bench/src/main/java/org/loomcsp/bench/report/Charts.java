package org.loomcsp.bench.report;

import java.awt.Color;
import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** One PNG bar chart per benchmark: implementations on the x axis, one bar per context (carriers, ...). */
public final class Charts {
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)
    };

    private Charts() {}

    /** Writes one chart per benchmark into {@code dir}; returns benchmark short name -> file name. */
    public static Map<String, String> write(List<Result> results, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, String> files = new LinkedHashMap<>();
        for (var e : Markdown.byBenchmark(results).entrySet()) {
            String file = e.getKey().replace('.', '-') + ".png";
            ChartUtils.saveChartAsPNG(dir.resolve(file).toFile(), chart(e.getKey(), e.getValue()), 900, 520);
            files.put(e.getKey(), file);
        }
        return files;
    }

    static JFreeChart chart(String name, List<Result> rows) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        double min = Double.MAX_VALUE, max = 0;
        String unit = rows.isEmpty() ? "" : rows.get(0).unit();
        for (Result r : rows) {
            data.addValue(r.score(), Markdown.context(r), Markdown.seriesName(r.series()));
            min = Math.min(min, r.score());
            max = Math.max(max, r.score());
        }
        boolean log = min > 0 && max / min > 30;
        JFreeChart chart = ChartFactory.createBarChart(name, null, unit + (log ? " (log scale)" : "") + ", lower is better",
                data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.createUpRotationLabelPositions(Math.PI / 6));
        if (log) {
            LogAxis axis = new LogAxis(plot.getRangeAxis().getLabel());
            axis.setBase(10);
            axis.setTickUnit(new NumberTickUnit(1));
            axis.setMinorTickMarksVisible(true);
            axis.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
            axis.setSmallestValue(Math.max(min / 2, 1e-3));
            axis.setLowerBound(min / 2);
            axis.setUpperBound(max * 2);
            plot.setRangeAxis(axis);
        }
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        if (log) {
            renderer.setBase(min / 2);
        }
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("#,##0.#")));
        renderer.setDefaultItemLabelsVisible(true);
        if (data.getRowCount() == 1) {
            chart.removeLegend();
        }
        return chart;
    }
}
