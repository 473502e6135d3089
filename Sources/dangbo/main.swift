print("dangbo")
