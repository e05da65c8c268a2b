package io.icebench.runner.calibrate;

/** A calibration that cannot go on: its baseline run failed, so there is nothing to compare trials with. */
public final class CalibrationException extends RuntimeException {

    public CalibrationException(String message) {
        super(message);
    }
}
