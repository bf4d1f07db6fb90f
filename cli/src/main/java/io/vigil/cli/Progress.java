package io.vigil.cli;

import io.vigil.analytics.backtest.ProgressListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A console progress bar (on stderr) over the bytes of an input file. */
final class Progress implements ProgressListener, AutoCloseable {
  private final ProgressBar bar;

  Progress(String task, long totalBytes, boolean quiet) {
    this.bar =
        quiet
            ? null
            : new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(Math.max(totalBytes, 1))
                .setUnit(" MB", 1_000_000)
                .setStyle(ProgressBarStyle.ASCII)
                .showSpeed()
                .continuousUpdate()
                .build();
  }

  @Override
  public void onProgress(long rows, long charsRead, long totalChars) {
    if (bar != null) {
      bar.stepTo(charsRead);
      bar.setExtraMessage(rows + " rows");
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
