"""dockwise: lint and safely fix Dockerfiles and .dockerignore files."""
__version__ = "0.1.0"
