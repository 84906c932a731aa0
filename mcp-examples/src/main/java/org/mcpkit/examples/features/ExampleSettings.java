package org.mcpkit.examples.features;

/** Parsing shared by the example settings. */
final class ExampleSettings {
  private ExampleSettings() {}

  /** Whole seconds within {@code [min, max]}; IllegalArgumentException names the variable. */
  static int seconds(String name, String raw, int min, int max) {
    int seconds;
    try {
      seconds = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      seconds = min - 1;
    }
    if (seconds < min || seconds > max) {
      throw new IllegalArgumentException(name + " must be whole seconds (" + min + "-" + max + "), got '" + raw + "'");
    }
    return seconds;
  }
}
