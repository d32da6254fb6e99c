"""needs: a person's information and communication needs (the Accessible Information
Standard), recorded once as NHS SNOMED CT codes where one fits, in their words where not."""
