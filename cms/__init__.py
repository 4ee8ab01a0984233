"""CMS: the programme's Wagtail page types, lesson blocks, the curriculum files and their import."""
