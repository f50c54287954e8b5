"""Version of the report and questionnaire layout.

Bump it whenever a template, the CSS, the fixed texts or the charts change, so cached
PDFs made with the old layout are no longer served.
"""

TEMPLATE_VERSION = "10"
