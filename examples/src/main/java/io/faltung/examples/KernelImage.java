package io.faltung.examples;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Convolution kernels drawn as a grid of enlarged grey tiles (one per filter and input channel
 * 0), each scaled to its own range: black the most negative weight, white the most positive.
 */
final class KernelImage {
    private static final int CELL = 24;
    private static final int GAP = 6;

    private KernelImage() {
    }

    /**
     * Writes the kernels of {@code weight} (row-major {@code [filters, channels, height, width]},
     * channel 0 drawn) as a PNG with {@code columns} tiles per row.
     */
    static void save(Path file, float[] weight, int[] shape, int columns) throws IOException {
        int filters = shape[0];
        int h = shape[2];
        int w = shape[3];
        int perFilter = shape[1] * h * w;
        int rows = (filters + columns - 1) / columns;
        BufferedImage image = new BufferedImage(GAP + columns * (w * CELL + GAP), GAP + rows * (h * CELL + GAP),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(90, 110, 160));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int f = 0; f < filters; f++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < h * w; i++) {
                min = Math.min(min, weight[f * perFilter + i]);
                max = Math.max(max, weight[f * perFilter + i]);
            }
            int x0 = GAP + (f % columns) * (w * CELL + GAP);
            int y0 = GAP + (f / columns) * (h * CELL + GAP);
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    float v = weight[f * perFilter + r * w + c];
                    int grey = max > min ? Math.round(255 * (v - min) / (max - min)) : 128;
                    g.setColor(new Color(grey, grey, grey));
                    g.fillRect(x0 + c * CELL, y0 + r * CELL, CELL, CELL);
                }
            }
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
