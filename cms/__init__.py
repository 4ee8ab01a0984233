"""CMS: the programme's Wagtail page types (home, programme, module, lesson), blocks and demo content."""
