"""What the people on stage hold: a session chair's sheet of the talks they chair (chairs), name
tents for the table (tents) and the timing cards a chair holds up (cards); one module each."""
