"""The Qt layer: widgets, item models and actions. Domain logic lives in reader.core."""
